// The clerk's home. Placeholder until the supplies screens land (supplies.requests + onRequests).
import { useSession } from '../../session.tsx';

export function ClerkHome() {
  const { me } = useSession();
  return (
    <section data-testid="home-clerk">
      <div className="home-intro">
        <h1>Supply queue</h1>
        <p className="muted">Hello, {me?.name}. Cookie requests for matched orders show up here.</p>
      </div>
      <div className="placeholder">The queue is empty.</div>
    </section>
  );
}
