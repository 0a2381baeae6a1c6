// The worker's home. Placeholder until the task feed lands (orders.tasks + orders.feed).
import { useSession } from '../../session.tsx';

export function WorkerHome() {
  const { me } = useSession();
  return (
    <section data-testid="home-worker">
      <div className="home-intro">
        <h1>My tasks</h1>
        <p className="muted">Hello, {me?.name}. New tasks arrive here as soon as you are matched.</p>
      </div>
      <div className="placeholder">No tasks yet.</div>
    </section>
  );
}
