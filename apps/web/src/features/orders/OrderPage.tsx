// One order, live (orders.onStatus): status, details, photos; the client may cancel it before the
// work starts, or rebook it after a failure.
import { useState } from 'react';
import { ErrorNote, useLive, useLoad, useSubmit } from '@mcf/ui';
import { Link, navigate, useTrpc } from '../../api.ts';
import { useParams } from '../../screen.ts';
import { useSession } from '../../session.tsx';
import { formatCu, formatWhen, StatusBadge } from './bits.tsx';

export function OrderPage() {
  const trpc = useTrpc();
  const { me } = useSession();
  const { id } = useParams<'id'>();
  const order = useLoad(() => trpc.orders.get.query({ id }), [trpc, id]);
  const liveError = useLive((onError) => trpc.orders.onStatus.subscribe({ orderId: id }, { onData: () => order.reload(), onError }), [trpc, id]);
  const o = order.data;
  const cancel = useSubmit(async () => {
    await trpc.orders.cancel.mutate({ orderId: id });
    order.reload();
  });
  if (!o) return <ErrorNote error={order.error} />;
  const isClient = me?.role === 'client';
  return (
    <div className="grid" data-testid="order-page">
      <section className="card">
        <h1>{o.serviceTypeName}</h1>
        <p>
          <StatusBadge status={o.status} testId="order-status" />
        </p>
        <dl className="facts">
          <dt>When</dt>
          <dd>{formatWhen(o.scheduledAt)}</dd>
          <dt>Where</dt>
          <dd>{o.place}</dd>
          <dt>Request</dt>
          <dd>{o.description}</dd>
          <dt>Price</dt>
          <dd data-testid="order-price">
            {formatCu(o.priceCents)}
            {o.discountPercent ? ` (−${o.discountPercent}% loyalty)` : ''}
          </dd>
          <dt>Worker</dt>
          <dd data-testid="order-worker">{o.workerId ? 'assigned' : 'being matched…'}</dd>
          {o.reason && (
            <>
              <dt>Reason</dt>
              <dd>{o.noShow ? 'The worker did not show up' : o.reason}</dd>
            </>
          )}
          {o.copyOf && (
            <>
              <dt>Copy of</dt>
              <dd>
                <Link to={`/orders/${o.copyOf}`}>the failed order</Link>
              </dd>
            </>
          )}
        </dl>
        <ErrorNote error={liveError ?? cancel.error} />
        {isClient && ['created', 'matched', 'supplied'].includes(o.status) && (
          <button type="button" onClick={() => void cancel.onSubmit()} disabled={cancel.busy}>
            Cancel order
          </button>
        )}
      </section>
      {isClient && o.status === 'failed' && <Rebook orderId={o.id} />}
      {(o.status === 'started' || o.status === 'completed') && <Photos orderId={o.id} completed={o.status === 'completed'} />}
    </div>
  );
}

function Rebook({ orderId }: { orderId: string }) {
  const trpc = useTrpc();
  const [when, setWhen] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    const r = await trpc.orders.rebook.mutate({ orderId, scheduledAt: new Date(when).toISOString() });
    navigate(`/orders/${r.id}`);
  });
  return (
    <form className="card" onSubmit={onSubmit} aria-label="Rebook">
      <h2>Book it again</h2>
      <p className="muted">We are sorry. Pick a new time and another worker will come.</p>
      <label>
        New date and time
        <input type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        Rebook
      </button>
    </form>
  );
}

function Photos({ orderId, completed }: { orderId: string; completed: boolean }) {
  const trpc = useTrpc();
  const [shown, setShown] = useState<Record<string, string>>({});
  const [err, setErr] = useState<unknown>(null);
  const show = async (kind: 'check_in' | 'report') => {
    try {
      const p = await trpc.orders.photo.query({ orderId, kind });
      setShown((s) => ({ ...s, [kind]: `data:${p.mimeType};base64,${p.dataBase64}` }));
    } catch (e) {
      setErr(e);
    }
  };
  return (
    <section className="card">
      <h2>Photos</h2>
      <ErrorNote error={err} />
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <button type="button" onClick={() => void show('check_in')}>
          Check-in photo
        </button>
        {completed && (
          <button type="button" onClick={() => void show('report')}>
            Signed report
          </button>
        )}
      </div>
      {Object.entries(shown).map(([k, src]) => (
        <img key={k} src={src} alt={k === 'report' ? 'Signed report' : 'Check-in photo'} style={{ maxWidth: '100%', marginTop: '0.5rem' }} />
      ))}
    </section>
  );
}
