// One review: everything about the order's work (timeline, worker, photos, supplies, the client's
// contact details for a call), then the form: what happened, causes, hypotheses.
import './quality.css';
import { useEffect, useState } from 'react';
import { ErrorNote, useLoad, useSubmit } from '@mcf/ui';
import { Link, useTrpc, type RouterOutputs } from '../../api.ts';
import { useParams } from '../../screen.ts';

type Review = RouterOutputs['quality']['review'];

const VERDICTS = [
  ['worker_fault', 'The worker’s fault'],
  ['client_fault', 'The client’s side'],
  ['no_fault', 'Nobody’s fault'],
  ['unclear', 'Unclear'],
] as const;

const money = (c: number | null) => (c === null ? '—' : `${(c / 100).toFixed(2)} CU`);
const when = (s: string | null | undefined) => (s ? new Date(s).toLocaleString() : '—');
const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** What orders' history gives (timeline with actors and notes, photos' metadata), when wired. */
interface History {
  timeline?: { from: string | null; to: string; at: string; actor?: string | null; note?: string | null }[];
  photos?: { kind: 'check_in' | 'report'; mimeType: string; sizeBytes: number; at: string }[];
}

export function ReviewPage() {
  const trpc = useTrpc();
  const { id } = useParams<'id'>();
  const review = useLoad(() => trpc.quality.review.query({ reviewId: id }), [trpc, id]);
  const r = review.data;
  return (
    <div className="quality" data-testid="review-page">
      <p>
        <Link to="/quality">← Review queue</Link>
      </p>
      <ErrorNote error={review.error} />
      {!r && !review.error ? <p className="muted">Loading…</p> : null}
      {r && (
        <>
          <OrderFacts r={r} />
          <div className="grid">
            <People r={r} />
            <Supplies r={r} />
          </div>
          <Timeline r={r} />
          <Photos r={r} reviewId={id} />
          {r.review.status === 'open' ? <ReviewForm reviewId={id} onDone={review.reload} /> : <Submitted r={r} />}
        </>
      )}
    </div>
  );
}

function OrderFacts({ r }: { r: Review }) {
  const o = r.order;
  const reason = { failed: 'failed', canceled: 'was canceled', random: 'was drawn at random' }[r.review.reason];
  return (
    <section className="card">
      <h1>Review of an order that {reason}</h1>
      {!o ? (
        <p className="muted">The order's details have not arrived yet.</p>
      ) : (
        <dl className="facts" data-testid="order-facts">
          <dt>Order</dt>
          <dd>{o.orderId}</dd>
          <dt>Service</dt>
          <dd>{o.serviceTypeName}</dd>
          <dt>Status</dt>
          <dd>
            {o.status}
            {o.noShow ? ' (worker did not show up)' : ''}
          </dd>
          {o.reason ? (
            <>
              <dt>Reason given</dt>
              <dd>{o.reason}</dd>
            </>
          ) : null}
          <dt>Booked for</dt>
          <dd>{when(o.scheduledAt)}</dd>
          <dt>Ended</dt>
          <dd>{when(o.endedAt)}</dd>
          <dt>Place</dt>
          <dd>{o.place}</dd>
          <dt>Task</dt>
          <dd>{o.description}</dd>
          <dt>Price</dt>
          <dd>{money(o.priceCents)}</dd>
          {o.copyOf ? (
            <>
              <dt>Rebooks</dt>
              <dd>{o.copyOf}</dd>
            </>
          ) : null}
        </dl>
      )}
      {r.otherReviews.length > 0 && <p className="muted">This order has {r.otherReviews.length} other review(s).</p>}
    </section>
  );
}

function People({ r }: { r: Review }) {
  const c = r.client as Record<string, unknown> | null;
  const extra = c ? Object.entries(c).filter(([k, v]) => !['id', 'name', 'email'].includes(k) && (typeof v === 'string' || typeof v === 'number')) : [];
  const rec = r.workerRecord;
  return (
    <section className="card">
      <h2>People</h2>
      <dl className="facts">
        <dt>Worker</dt>
        <dd data-testid="review-worker">{r.worker ? `${r.worker.name ?? r.worker.id}${r.worker.email ? ` · ${r.worker.email}` : ''}` : 'none assigned'}</dd>
        {rec ? (
          <>
            <dt>Track record</dt>
            <dd>
              {rec.completed} completed, {rec.failed} failed ({rec.noShow} no-show), {rec.canceled} canceled
            </dd>
          </>
        ) : null}
        <dt>Client</dt>
        <dd data-testid="review-client">{c ? `${String(c.name ?? c.id)}` : '—'}</dd>
        <dt>Contact</dt>
        <dd>{c?.email ? <a href={`mailto:${String(c.email)}`}>{String(c.email)}</a> : '—'}</dd>
        {extra.map(([k, v]) => (
          <FactRow key={k} k={k} v={String(v)} />
        ))}
      </dl>
    </section>
  );
}

function FactRow({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{k.toLowerCase().includes('phone') ? <a href={`tel:${v}`}>{v}</a> : v}</dd>
    </>
  );
}

function Supplies({ r }: { r: Review }) {
  return (
    <section className="card">
      <h2>Supplies</h2>
      {r.supplies.length === 0 ? (
        <p className="muted">No supply request recorded.</p>
      ) : (
        <ul className="plain">
          {r.supplies.map((s) => (
            <li key={s.requestId}>
              Request {s.requestId.slice(0, 8)}: {s.state ?? '—'}, cookie {s.cookie ?? '—'} <span className="muted">({when(s.at)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Timeline({ r }: { r: Review }) {
  const h = r.history as History | null;
  const rows = h?.timeline?.length
    ? h.timeline.map((t) => ({ at: t.at, what: `${t.from ?? 'new'} → ${t.to}`, note: [t.actor, t.note].filter(Boolean).join(': ') }))
    : r.timeline.map((t) => ({ at: t.at, what: t.status, note: t.reason ?? '' }));
  return (
    <section className="card">
      <h2>Timeline</h2>
      <ol className="timeline" data-testid="review-timeline">
        {rows.map((t, i) => (
          <li key={i}>
            <span className="muted">{when(t.at)}</span> <strong>{t.what}</strong> {t.note ? <span className="muted">— {t.note}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Photos({ r, reviewId }: { r: Review; reviewId: string }) {
  const h = r.history as History | null;
  const kinds = [...new Set((h?.photos ?? []).map((p) => p.kind))];
  if (kinds.length === 0) return null;
  return (
    <section className="card">
      <h2>Photos</h2>
      <div className="photos">
        {kinds.map((k) => (
          <Photo key={k} reviewId={reviewId} kind={k} />
        ))}
      </div>
    </section>
  );
}

function Photo({ reviewId, kind }: { reviewId: string; kind: 'check_in' | 'report' }) {
  const trpc = useTrpc();
  const p = useLoad(() => trpc.quality.photo.query({ reviewId, kind }), [trpc, reviewId, kind]);
  return (
    <figure>
      {p.data ? <img src={`data:${p.data.mimeType};base64,${p.data.dataBase64}`} alt={kind === 'report' ? 'Signed report' : 'Check-in photo'} /> : <p className="muted">Loading…</p>}
      <figcaption>{kind === 'report' ? 'Signed report' : 'Check-in'}</figcaption>
      <ErrorNote error={p.error} />
    </figure>
  );
}

function Submitted({ r }: { r: Review }) {
  const v = VERDICTS.find(([k]) => k === r.review.verdict)?.[1] ?? r.review.verdict;
  return (
    <section className="card" data-testid="review-submitted">
      <h2>Findings</h2>
      <p className="success">Submitted {when(r.review.submittedAt)}</p>
      <dl className="facts">
        <dt>Verdict</dt>
        <dd>{v}</dd>
        <dt>What happened</dt>
        <dd className="pre">{r.review.findings}</dd>
        <dt>Causes</dt>
        <dd>{[...r.review.causes.map((c) => c.label), ...r.review.otherCauses].join('; ') || '—'}</dd>
        <dt>Hypotheses</dt>
        <dd>
          <ul className="plain">
            {r.review.hypotheses.map((h) => (
              <li key={h.id}>{h.text}</li>
            ))}
          </ul>
        </dd>
      </dl>
    </section>
  );
}

function ReviewForm({ reviewId, onDone }: { reviewId: string; onDone: () => void }) {
  const trpc = useTrpc();
  const causes = useLoad(() => trpc.quality.causes.list.query(), [trpc]);
  const hypotheses = useLoad(() => trpc.quality.hypotheses.list.query(), [trpc]);
  const [findings, setFindings] = useState('');
  const [verdict, setVerdict] = useState<(typeof VERDICTS)[number][0]>('unclear');
  const [causeIds, setCauseIds] = useState<string[]>([]);
  const [otherCauses, setOtherCauses] = useState('');
  const [hypothesisIds, setHypothesisIds] = useState<string[]>([]);
  const [newHypotheses, setNewHypotheses] = useState('');
  const [filter, setFilter] = useState('');
  useEffect(() => setFilter(''), [reviewId]);
  const toggle = (list: string[], set: (l: string[]) => void, id: string) => set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const submit = useSubmit(async () => {
    await trpc.quality.submit.mutate({ reviewId, findings, verdict, causeIds, otherCauses: lines(otherCauses), hypothesisIds, hypotheses: lines(newHypotheses) });
    onDone();
  });
  const shown = (hypotheses.data ?? []).filter((h) => !filter || h.text.toLowerCase().includes(filter.toLowerCase()));
  return (
    <form className="card" aria-label="Review form" onSubmit={submit.onSubmit}>
      <h2>Findings</h2>
      <label>
        What happened
        <textarea rows={5} required value={findings} onChange={(e) => setFindings(e.target.value)} />
      </label>
      <label>
        Verdict
        <select value={verdict} onChange={(e) => setVerdict(e.target.value as typeof verdict)}>
          {VERDICTS.map(([k, t]) => (
            <option key={k} value={k}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Contributing causes</legend>
        <div className="checks">
          {(causes.data ?? []).map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={causeIds.includes(c.id)} onChange={() => toggle(causeIds, setCauseIds, c.id)} /> {c.label}
            </label>
          ))}
        </div>
        <label>
          Other causes (one per line)
          <textarea rows={2} value={otherCauses} onChange={(e) => setOtherCauses(e.target.value)} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Hypotheses for improving the business</legend>
        {(hypotheses.data ?? []).length > 0 && (
          <>
            <label>
              Find a hypothesis this review supports
              <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
            </label>
            <div className="checks">
              {shown.map((h) => (
                <label key={h.id} className="check">
                  <input type="checkbox" checked={hypothesisIds.includes(h.id)} onChange={() => toggle(hypothesisIds, setHypothesisIds, h.id)} /> {h.text}{' '}
                  <span className="muted">({h.support})</span>
                </label>
              ))}
            </div>
          </>
        )}
        <label>
          New hypotheses (one per line)
          <textarea rows={3} value={newHypotheses} onChange={(e) => setNewHypotheses(e.target.value)} />
        </label>
      </fieldset>
      <ErrorNote error={submit.error ?? causes.error ?? hypotheses.error} />
      <button type="submit" disabled={submit.busy}>
        {submit.busy ? 'Submitting…' : 'Submit review'}
      </button>
    </form>
  );
}
