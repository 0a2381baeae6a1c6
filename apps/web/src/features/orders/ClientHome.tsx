// The client's dashboard: its orders (kept current by orders.onMine) and the "Request help" button.
import { ErrorNote, useLive, useLoad } from '@mcf/ui';
import { Link, useTrpc } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { formatCu, formatWhen, StatusBadge } from './bits.tsx';

export function ClientHome() {
  const trpc = useTrpc();
  const { me } = useSession();
  const orders = useLoad(() => trpc.orders.mine.query(), [trpc]);
  const liveError = useLive((onError) => trpc.orders.onMine.subscribe(undefined, { onData: () => orders.reload(), onError }), [trpc]);
  return (
    <section data-testid="home-client">
      <div className="home-intro">
        <h1>My orders</h1>
        <p className="muted">Welcome back, {me?.name}. Book a service and follow it live here.</p>
        <Link to="/orders/new" className="button-link" data-testid="request-help">
          Request help
        </Link>
      </div>
      <ErrorNote error={orders.error ?? liveError} />
      {orders.data && orders.data.length === 0 && <div className="placeholder">No orders yet. Press “Request help” to book one.</div>}
      {orders.data && orders.data.length > 0 && (
        <ul className="list card" data-testid="my-orders">
          {orders.data.map((o) => (
            <li key={o.id} data-testid={`order-${o.id}`}>
              <Link to={`/orders/${o.id}`}>
                <strong>{o.serviceTypeName}</strong>
              </Link>{' '}
              <StatusBadge status={o.status} />
              <div className="muted">
                {formatWhen(o.scheduledAt)} · {o.place} · {formatCu(o.priceCents)}
                {o.copyOf && ' · rebooked copy'}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
