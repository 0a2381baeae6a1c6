// Managers sign in with email and password (`accounts.login`); the session turns others away.
import { SignInForm } from '@mcf/ui';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';

export function SignInPage() {
  const { signIn, refused } = useSession();
  return (
    <SignInForm
      title="MCF Admin"
      hint="For managers. Clients, workers and clerks use the main app."
      notice={refused && <p className="error" role="alert" data-testid="refused">{refused}</p>}
      onSignIn={async (email, password) => {
        const r = await api.client().accounts.login.mutate({ email, password });
        signIn(r.token);
      }}
    />
  );
}
