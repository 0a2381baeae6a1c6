// The admin home: who is signed in, and creating accounts for new staff and clients.
import { useSession } from '../../session.tsx';
import { CreateAccountForm } from './CreateAccountForm.tsx';

export function HomePage() {
  const { me } = useSession();
  if (!me) return null;
  return (
    <div className="grid" data-testid="admin-home">
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
      <CreateAccountForm />
    </div>
  );
}
