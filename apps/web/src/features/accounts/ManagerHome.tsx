// Managers work in the admin app; the web app only points them there.
import { useSession } from '../../session.tsx';

export function ManagerHome() {
  const { me } = useSession();
  return (
    <div className="card narrow">
      <h1>Hello, {me?.name}</h1>
      <p className="muted">Managers run MCF from the admin app: accounts, service types, quality reviews and more.</p>
      <a className="button-link" href="/admin/">
        Open the admin app →
      </a>
    </div>
  );
}
