// Who is signed in, for either app: `accounts.me` for the stored token. A token the server no longer
// accepts is dropped, so the app falls back to its sign-in page instead of showing errors everywhere;
// an app may also turn an account away (the admin app: managers only), signing it out and saying why.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { errorCode } from './errors.ts';

export interface SessionAccount {
  name: string;
  role: string;
}

/** What the session needs of the app's tRPC client. */
interface AccountsClient<M> {
  accounts: { me: { query(): Promise<M> }; logout: { mutate(): Promise<unknown> } };
}

export interface Session<M> {
  me: M | null;
  /** True while the stored token is being checked. */
  loading: boolean;
  error: unknown;
  /** Why the last sign-in was turned away, for the sign-in page (null when it was not). */
  refused: string | null;
  /** Stores a token from `accounts.login` / `accounts.loginWithLink`. */
  signIn(token: string): void;
  signOut(): Promise<void>;
}

export function createSession<M extends SessionAccount>(o: {
  api: { useToken(): string | null; useClient(): AccountsClient<M>; client(): AccountsClient<M>; setToken(token: string | null): void };
  navigate(to: string, opts?: { replace?: boolean }): void;
  /** Who may not use this app: the message to show, or null to let the account in. */
  refuse?: (me: M) => string | null;
}) {
  const { api } = o;
  const SessionContext = createContext<Session<M> | null>(null);

  function SessionProvider({ children }: { children: ReactNode }) {
    const token = api.useToken();
    const trpc = api.useClient();
    const [me, setMe] = useState<M | null>(null);
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
          const why = o.refuse?.(m) ?? null;
          setRefused(why);
          if (why === null) return setMe(m);
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

    const session: Session<M> = {
      me,
      loading,
      error,
      refused,
      signIn: (t) => api.setToken(t),
      async signOut() {
        // Revoke on the server, but sign out locally even if the server is unreachable.
        await api.client().accounts.logout.mutate().catch(() => undefined);
        api.setToken(null);
        o.navigate('/', { replace: true });
      },
    };
    return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
  }

  function useSession(): Session<M> {
    const s = useContext(SessionContext);
    if (!s) throw new Error('useSession outside <SessionProvider>');
    return s;
  }

  return { SessionProvider, useSession };
}
