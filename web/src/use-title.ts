import { useEffect } from 'react';

/** Sets the tab's title. Titles are kept in the browser's history, so they never hold a child's name. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Resettlement Hub`;
  }, [title]);
}
