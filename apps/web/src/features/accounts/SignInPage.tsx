// Email + password sign-in (`accounts.login`). Shown at /login and in place of any page that needs
// a signed-in account.
import { useEffect } from 'react';
import { SignInForm } from '@mcf/ui';
import { api, navigate, usePath } from '../../api.ts';
import { useSession } from '../../session.tsx';

export function SignInPage() {
  const { me, signIn } = useSession();
  const path = usePath();

  useEffect(() => {
    if (me && path === '/login') navigate('/', { replace: true });
  }, [me, path]);

  return (
    <SignInForm
      title="Sign in to MCF"
      hint="Clients, workers and clerks sign in here."
      onSignIn={async (email, password) => {
        const r = await api.client().accounts.login.mutate({ email, password });
        signIn(r.token);
      }}
    />
  );
}
