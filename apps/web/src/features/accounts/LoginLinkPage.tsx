// /login/link?token=… — the personal sign-in link testers get (`accounts.loginWithLink`).
import { useEffect, useRef, useState } from 'react';
import { ErrorNote } from '@mcf/ui';
import { api, Link, navigate, useSearch } from '../../api.ts';
import { useSession } from '../../session.tsx';

const loginWithLink = () => api.client().accounts.loginWithLink;

export function LoginLinkPage() {
  const loginToken = useSearch().get('token');
  const { signIn } = useSession();
  const [error, setError] = useState<unknown>(null);
  // A link may be single-use: call it once even when React runs the effect twice (StrictMode).
  const tried = useRef<string | null>(null);

  useEffect(() => {
    if (!loginToken || tried.current === loginToken) return;
    tried.current = loginToken;
    loginWithLink()
      .mutate({ loginToken })
      .then((r) => {
        signIn(r.token);
        navigate('/', { replace: true });
      })
      .catch(setError);
  }, [loginToken, signIn]);

  return (
    <div className="card narrow">
      <h1>Signing you in…</h1>
      {!loginToken && <p className="error">This link has no sign-in token. Open the full link from your invitation.</p>}
      <ErrorNote error={error} />
      {(error || !loginToken) && <Link to="/login">Sign in with email and password</Link>}
    </div>
  );
}
