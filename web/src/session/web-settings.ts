import { useEffect, useState } from 'react';

/** What the hub tells the app before anyone signs in (GET /web-settings). */
export interface WebSettings {
  devSignIn: boolean;
  identityProviderUrl: string | null;
  brandName: string;
}

let loading: Promise<WebSettings> | null = null;

export function useWebSettings(): WebSettings | null {
  const [settings, setSettings] = useState<WebSettings | null>(null);
  useEffect(() => {
    loading ??= fetch('/web-settings').then((r) => r.json() as Promise<WebSettings>);
    let current = true;
    void loading.then((loaded) => current && setSettings(loaded));
    return () => {
      current = false;
    };
  }, []);
  return settings;
}
