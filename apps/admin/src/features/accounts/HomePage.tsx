// The admin home: who is signed in, accounts created live, and creating accounts.
import { useSession } from '../../session.tsx';
import { CreateAccountForm } from './CreateAccountForm.tsx';
import { NewAccountsLive } from './NewAccountsLive.tsx';

export function HomePage() {
  const { me } = useSession();
  if (!me) return null;
  return (
    <div className="grid" data-testid="admin-home">
      <div>
        <section className="card">
          <h2>Signed in</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{me.name}</dd>
            <dt>Email</dt>
            <dd>{me.email}</dd>
            <dt>Role</dt>
            <dd>{me.role}</dd>
          </dl>
        </section>
        <NewAccountsLive />
      </div>
      <CreateAccountForm />
    </div>
  );
}
