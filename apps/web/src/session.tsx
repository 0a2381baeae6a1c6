// Who is signed in: `accounts.me` for the stored token. A token the server no longer accepts is
// dropped, so the app falls back to the sign-in page instead of showing errors everywhere.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { errorCode } from '@mcf/ui';
import { api, navigate, type Me } from './api.ts';

interface Session {
  me: Me | null;
  /** True while the stored token is being checked. */
  loading: boolean;
  error: unknown;
  /** Stores a token from `accounts.login` / `accounts.loginWithLink`. */
  signIn(token: string): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const token = api.useToken();
  const trpc = api.useClient();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(Boolean(token));
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setError(null);
    if (!token) {
      setMe(null);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    trpc.accounts.me
      .query()
      .then((m) => live && setMe(m))
      .catch((e) => {
        if (!live) return;
        if (errorCode(e) === 'UNAUTHORIZED') api.setToken(null);
        else setError(e);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [token, trpc]);

  const session: Session = {
    me,
    loading,
    error,
    signIn: (t) => api.setToken(t),
    async signOut() {
      // Revoke on the server, but sign out locally even if the server is unreachable.
      await api.client().accounts.logout.mutate().catch(() => undefined);
      api.setToken(null);
      navigate('/', { replace: true });
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside <SessionProvider>');
  return s;
}
