import { useCallback, useEffect, useState } from 'react';
import type { TadaDocumentNode } from 'gql.tada';
import { useSession } from '../session/session';
import type { ApiError } from './client';

export interface QueryState<T> {
  data: T | null;
  errors: ApiError[];
  loading: boolean;
  reload: () => void;
}

/** Runs a query when the component mounts and whenever its variables change. */
export function useQuery<T, V>(document: TadaDocumentNode<T, V>, variables: V, options: { skip?: boolean } = {}): QueryState<T> {
  const { run } = useSession();
  const [state, setState] = useState<{ data: T | null; errors: ApiError[]; loading: boolean }>({ data: null, errors: [], loading: !options.skip });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (options.skip) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    run(document, JSON.parse(key) as V).then(
      (answer) => current && setState({ data: answer.data, errors: answer.errors, loading: false }),
      // A signed-out session goes back to the sign-in page by itself; anything else is said on the page.
      () => current && setState({ data: null, errors: [{ message: 'Something went wrong loading this page. Try again.' }], loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, document, key, generation, options.skip]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
