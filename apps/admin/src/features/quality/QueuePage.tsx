// The review queue: failed and canceled orders arrive by themselves (live), and a manager may draw a
// completed order at random, optionally within a service type or a date range.
import './quality.css';
import { useState } from 'react';
import { ErrorNote, useLive, useLoad, useSubmit } from '@mcf/ui';
import { Link, navigate, useTrpc } from '../../api.ts';
import { ServiceTypeSelect } from './ServiceTypeSelect.tsx';

const REASON_TEXT = { failed: 'Failed', canceled: 'Canceled', random: 'Random draw' } as const;

export function QueuePage() {
  const trpc = useTrpc();
  const queue = useLoad(() => trpc.quality.queue.query(), [trpc]);
  const liveError = useLive((onError) => trpc.quality.onQueue.subscribe({}, { onData: () => queue.reload(), onError }), [trpc]);
  const [serviceTypeId, setServiceTypeId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const draw = useSubmit(async () => {
    const r = await trpc.quality.pickRandom.mutate({ serviceTypeId: serviceTypeId || undefined, from: from || undefined, to: to || undefined });
    navigate(`/quality/reviews/${r.id}`);
  });
  const items = queue.data ?? [];
  return (
    <div className="quality">
      <section className="card">
        <h1>Review queue</h1>
        <p className="muted">
          Every failed or canceled order lands here by itself. Open one to review it. <Link to="/quality/stats">Statistics</Link> ·{' '}
          <Link to="/quality/causes">Causes list</Link> · <Link to="/quality/hypotheses">Hypotheses</Link>
        </p>
        {queue.loading && !queue.data ? <p className="muted">Loading…</p> : null}
        {queue.data && items.length === 0 ? <p className="placeholder" data-testid="queue-empty">Nothing waits for review.</p> : null}
        {items.length > 0 && (
          <table className="table" data-testid="review-queue">
            <thead>
              <tr>
                <th>Why</th>
                <th>Service</th>
                <th>Worker</th>
                <th>Booked for</th>
                <th>Queued</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-testid="queue-item" data-order-id={r.orderId}>
                  <td>
                    <span className={`pill pill-${r.reason}`}>{REASON_TEXT[r.reason]}</span>
                    {r.noShow ? <span className="pill pill-noshow">no-show</span> : null}
                  </td>
                  <td>{r.serviceTypeName ?? '—'}</td>
                  <td>{r.workerName ?? '—'}</td>
                  <td>{r.scheduledAt ? new Date(r.scheduledAt).toLocaleString() : '—'}</td>
                  <td>{new Date(r.createdAt).toLocaleString()}</td>
                  <td>
                    <Link to={`/quality/reviews/${r.id}`}>Review</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ErrorNote error={queue.error ?? liveError} />
      </section>

      <RecentReviews />

      <form className="card" aria-label="Draw a completed order" onSubmit={draw.onSubmit}>
        <h2>Draw a completed order at random</h2>
        <p className="muted">Uniformly among completed orders nobody has reviewed yet.</p>
        <div className="form-row three">
          <ServiceTypeSelect value={serviceTypeId} onChange={setServiceTypeId} />
          <label>
            Booked from
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            Booked to
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        <ErrorNote error={draw.error} />
        <button type="submit" disabled={draw.busy}>
          {draw.busy ? 'Drawing…' : 'Draw an order'}
        </button>
      </form>
    </div>
  );
}

const VERDICT_TEXT: Record<string, string> = { worker_fault: 'worker’s fault', client_fault: 'client’s side', no_fault: 'nobody’s fault', unclear: 'unclear' };

/** The latest submitted reviews, to reopen one. */
function RecentReviews() {
  const trpc = useTrpc();
  const recent = useLoad(() => trpc.quality.list.query({ status: 'submitted', limit: 10 }), [trpc]);
  if (!recent.data?.length) return <ErrorNote error={recent.error} />;
  return (
    <section className="card">
      <h2>Recently submitted</h2>
      <ul className="plain" data-testid="recent-reviews">
        {recent.data.map((r) => (
          <li key={r.id}>
            <Link to={`/quality/reviews/${r.id}`}>
              {REASON_TEXT[r.reason]} · {r.serviceTypeName ?? 'order'}
            </Link>{' '}
            <span className="muted">
              — {r.verdict ? VERDICT_TEXT[r.verdict] : '—'}, {r.submittedAt ? new Date(r.submittedAt).toLocaleString() : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
