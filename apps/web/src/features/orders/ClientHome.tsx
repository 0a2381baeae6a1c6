// The client's home. Placeholder until the orders screens land (order form, live status, history).
import { useSession } from '../../session.tsx';

export function ClientHome() {
  const { me } = useSession();
  return (
    <section data-testid="home-client">
      <div className="home-intro">
        <h1>My orders</h1>
        <p className="muted">Welcome back, {me?.name}. Book a service and follow it live here.</p>
      </div>
      <div className="placeholder">Your orders will appear here.</div>
    </section>
  );
}
