// The clerks' live supply queue: one card per request with what is missing, the cookie's state, the
// reason "Issued" must wait, the acceptance form, and the "Issued" button.
import { useState } from 'react';
import './supplies.css';
import { ErrorNote, useSubmit } from '@mcf/ui';
import { useTrpc } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { cookieText, orderNumber, savePdf, useSupplyRequests, when, type SupplyRequest } from './live.ts';

function RequestCard({ r, onChanged }: { r: SupplyRequest; onChanged: (r: SupplyRequest) => void }) {
  const trpc = useTrpc();
  const issue = useSubmit(async () => onChanged(await trpc.supplies.issue.mutate({ requestId: r.id })));
  const arrived = useSubmit(async () => onChanged(await trpc.supplies.recordCookieArrival.mutate({ requestId: r.id })));
  const retry = useSubmit(async () => onChanged(await trpc.supplies.retryCookie.mutate({ requestId: r.id })));
  const form = useSubmit(async () => savePdf(await trpc.supplies.acceptanceForm.query({ orderId: r.orderId })));
  const open = r.state === 'open';
  return (
    <article className={`card supply supply-${r.state}`} data-testid="supply-request" data-order-id={r.orderId} data-state={r.state} data-cookie={r.cookie} aria-label={`Supply request for ${r.workerName}`}>
      <header className="supply-head">
        <strong>{r.workerName}</strong>
        <span className={`pill pill-${r.state}`} data-testid="supply-state">{r.state === 'issued' ? 'Issued' : 'Open'}</span>
      </header>
      <dl className="facts">
        <dt>Service</dt>
        <dd>{r.serviceTypeName}</dd>
        <dt>Booked</dt>
        <dd>{when(r.scheduledAt)}</dd>
        <dt>Place</dt>
        <dd>{r.place}</dd>
        <dt>Order</dt>
        <dd>{orderNumber(r.orderId)}</dd>
        <dt>Cookie</dt>
        <dd data-testid="supply-cookie" className={r.cookie === 'failed' || r.cookieLate ? 'warn-text' : r.cookie === 'arrived' ? 'ok-text' : ''}>
          {cookieText(r)}
        </dd>
      </dl>
      {open && r.missing.length > 0 && <p className="muted">Still missing: {r.missing.join(', ')}</p>}
      {open && r.waitingFor && (
        <p className="muted" data-testid="supply-waiting">
          {r.waitingFor}
        </p>
      )}
      <div className="actions">
        {open && (
          <button type="button" onClick={() => issue.onSubmit()} disabled={issue.busy}>
            Issued
          </button>
        )}
        <button type="button" className="secondary" onClick={() => form.onSubmit()} disabled={form.busy}>
          Acceptance form (PDF)
        </button>
        {open && r.cookie === 'pending' && (
          <button type="button" className="link-button" onClick={() => arrived.onSubmit()} disabled={arrived.busy}>
            Cookie arrived
          </button>
        )}
        {open && r.cookie === 'failed' && (
          <button type="button" className="link-button" onClick={() => retry.onSubmit()} disabled={retry.busy}>
            Order the cookie again
          </button>
        )}
      </div>
      <ErrorNote error={issue.error ?? arrived.error ?? retry.error ?? form.error} />
    </article>
  );
}

export function ClerkHome() {
  const { me } = useSession();
  const trpc = useTrpc();
  const [showIssued, setShowIssued] = useState(false);
  const { list, merge, loading, error } = useSupplyRequests({
    load: () => trpc.supplies.requests.query(),
    subscribe: (h) => trpc.supplies.onRequests.subscribe({}, h as never),
    deps: [trpc],
  });
  const open = list.filter((r) => r.state === 'open');
  const issued = list.filter((r) => r.state === 'issued').reverse();
  return (
    <section data-testid="home-clerk">
      <div className="home-intro">
        <h1>Supply queue</h1>
        <p className="muted">Hello, {me?.name}. New requests appear here as soon as an order is matched; press “Issued” when the set is handed over.</p>
      </div>
      <ErrorNote error={error} />
      {loading && open.length === 0 ? (
        <div className="placeholder">Loading…</div>
      ) : open.length === 0 ? (
        <div className="placeholder" data-testid="queue-empty">
          The queue is empty.
        </div>
      ) : (
        <div className="grid" data-testid="supply-queue">
          {open.map((r) => (
            <RequestCard key={r.id} r={r} onChanged={(x) => merge([x])} />
          ))}
        </div>
      )}
      {issued.length > 0 && (
        <div className="issued-list">
          <button type="button" className="link-button" onClick={() => setShowIssued((v) => !v)}>
            {showIssued ? 'Hide' : 'Show'} issued ({issued.length})
          </button>
          {showIssued && (
            <div className="grid">
              {issued.map((r) => (
                <RequestCard key={r.id} r={r} onChanged={(x) => merge([x])} />
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
