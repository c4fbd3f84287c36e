import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { request, SignedOutError, type ApiResult } from '../graphql/client';
import { graphql, type ResultOf } from '../graphql/graphql';
import type { TadaDocumentNode } from 'gql.tada';

const TOKEN_KEY = 'hub.session.token';

export const MeQuery = graphql(`
  query Me { me { handle displayName roles agency { id name type } } }
`);
export type Me = ResultOf<typeof MeQuery>['me'];

interface Session {
  me: Me | null;
  /** True until a stored token has been checked. */
  checking: boolean;
  signIn: (token: string) => Promise<string | null>;
  signOut: () => void;
  run: <T, V>(document: TadaDocumentNode<T, V>, variables: V) => Promise<ApiResult<T>>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * The bearer token lives in sessionStorage only (gone when the tab closes), never in
 * localStorage, cookies or URLs. Every call goes to the public API with it.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(token !== null);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setMe(null);
  }, []);

  const signIn = useCallback(async (candidate: string) => {
    try {
      const answer = await request(MeQuery, {}, candidate);
      if (!answer.data) return answer.errors[0]?.message ?? 'The hub did not accept this token';
      sessionStorage.setItem(TOKEN_KEY, candidate);
      setToken(candidate);
      setMe(answer.data.me);
      return null;
    } catch (error) {
      if (error instanceof SignedOutError) return 'The hub did not accept this token: it may have expired or come from another issuer';
      throw error;
    }
  }, []);

  useEffect(() => {
    if (!token || me) return;
    void signIn(token).then((problem) => {
      if (problem) signOut();
      setChecking(false);
    });
  }, [token, me, signIn, signOut]);

  const run = useCallback(
    async <T, V>(document: TadaDocumentNode<T, V>, variables: V): Promise<ApiResult<T>> => {
      if (!token) throw new SignedOutError();
      try {
        return await request(document, variables, token);
      } catch (error) {
        if (error instanceof SignedOutError) signOut();
        throw error;
      }
    },
    [token, signOut],
  );

  const value = useMemo(() => ({ me, checking, signIn, signOut, run }), [me, checking, signIn, signOut, run]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
