// The worker's side of supplies: a live status for one task (to embed in a task card) and the
// "My supplies" page listing every set being prepared for the worker.
import { ErrorNote, useSubmit } from '@mcf/ui';
import './supplies.css';
import { useTrpc } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { cookieText, orderNumber, savePdf, useSupplyRequests, when, type SupplyRequest } from './live.ts';

function statusText(r: SupplyRequest) {
  if (r.state === 'issued') return 'Supplies issued';
  if (r.state === 'withdrawn') return 'Supplies withdrawn';
  return r.cookie === 'arrived' ? 'Set ready at the supplies desk soon' : 'Supplies being prepared';
}

export function SupplyLine({ r }: { r: SupplyRequest }) {
  const trpc = useTrpc();
  const form = useSubmit(async () => savePdf(await trpc.supplies.acceptanceForm.query({ orderId: r.orderId })));
  return (
    <div className="supply-line" data-testid="worker-supply" data-order-id={r.orderId} data-state={r.state}>
      <span className={`pill pill-${r.state}`} data-testid="worker-supply-status">
        {statusText(r)}
      </span>{' '}
      <span className="muted">{cookieText(r)}</span>{' '}
      <button type="button" className="link-button" onClick={() => form.onSubmit()} disabled={form.busy}>
        Acceptance form (PDF)
      </button>
      <ErrorNote error={form.error} />
    </div>
  );
}

function useMine() {
  const trpc = useTrpc();
  const { me } = useSession();
  return useSupplyRequests({
    load: () => trpc.supplies.mine.query(),
    subscribe: (h) => trpc.supplies.onMine.subscribe({}, h as never),
    keep: (r) => r.workerId === me?.id && r.state !== 'withdrawn',
    deps: [trpc, me?.id],
  });
}

/** The live supply status of one of the worker's orders (nothing until supplies has a request). */
export function SupplyStatus({ orderId }: { orderId: string }) {
  const { list } = useMine();
  const r = list.find((x) => x.orderId === orderId);
  return r ? <SupplyLine r={r} /> : <span className="muted" data-testid="worker-supply-none">Supplies not requested yet</span>;
}

export function MySupplies() {
  const { list, loading, error } = useMine();
  return (
    <section data-testid="worker-supplies">
      <div className="home-intro">
        <h1>My supplies</h1>
        <p className="muted">The sets the supplies desk prepares for your tasks, live.</p>
      </div>
      <ErrorNote error={error} />
      {list.length === 0 ? (
        <div className="placeholder">{loading ? 'Loading…' : 'No supplies being prepared.'}</div>
      ) : (
        <div className="grid">
          {list.map((r) => (
            <article className="card" key={r.id}>
              <strong>{r.serviceTypeName}</strong>
              <p className="muted">
                {when(r.scheduledAt)} · {r.place} · order {orderNumber(r.orderId)}
              </p>
              <SupplyLine r={r} />
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
