// Who is signed in: `accounts.me` for the stored token. Only managers may use the admin app: any
// other account is signed out again at once and told why.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { errorCode } from '@mcf/ui';
import { api, navigate, type Me } from './api.ts';

interface Session {
  me: Me | null;
  loading: boolean;
  error: unknown;
  /** Why the last sign-in was turned away (not a manager), for the sign-in page. */
  refused: string | null;
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
  const [refused, setRefused] = useState<string | null>(null);

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
      .then(async (m) => {
        if (!live) return;
        if (m.role === 'manager') {
          setRefused(null);
          setMe(m);
          return;
        }
        setRefused(`The admin app is for managers only; ${m.name} is a ${m.role} account, so you have been signed out.`);
        await trpc.accounts.logout.mutate().catch(() => undefined);
        api.setToken(null);
      })
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
    refused,
    signIn: (t) => api.setToken(t),
    async signOut() {
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
