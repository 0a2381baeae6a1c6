// One order for managers: its full history, photos, and why its worker was chosen (the matching
// pipeline version and each step's scores for the chosen worker and the runners-up).
import { useState } from 'react';
import { ErrorNote, useLive, useLoad, useSubmit } from '@mcf/ui';
import { useTrpc, type RouterOutputs } from '../../api.ts';
import { useParams } from '../../screen.ts';

type Explanation = RouterOutputs['orders']['admin']['explain']['matches'][number]['explanation'];

export function OrderDetailPage() {
  const trpc = useTrpc();
  const { id } = useParams<'id'>();
  const history = useLoad(() => trpc.orders.admin.history.query({ orderId: id }), [trpc, id]);
  const why = useLoad(() => trpc.orders.admin.explain.query({ orderId: id }), [trpc, id]);
  const liveError = useLive(
    (onError) => trpc.orders.onStatus.subscribe({ orderId: id }, { onData: () => (history.reload(), why.reload()), onError }),
    [trpc, id],
  );
  const [photo, setPhoto] = useState<string | null>(null);
  const [photoError, setPhotoError] = useState<unknown>(null);
  const show = (kind: 'check_in' | 'report') =>
    trpc.orders.photo.query({ orderId: id, kind }).then((p) => setPhoto(`data:${p.mimeType};base64,${p.dataBase64}`), setPhotoError);
  const fail = useSubmit(async () => {
    const reason = prompt('Why did this order fail?');
    if (reason) await trpc.orders.admin.fail.mutate({ orderId: id, reason });
  });
  const rematch = useSubmit(async () => {
    const reason = prompt('Why give this order to another worker?');
    if (reason !== null) await trpc.orders.admin.rematch.mutate({ orderId: id, reason });
  });
  const h = history.data;
  if (!h) return <ErrorNote error={history.error} />;
  const o = h.order;
  return (
    <div data-testid="admin-order">
      <section className="card">
        <h1>
          {o.serviceTypeName} <span className="role">{o.status}</span>
        </h1>
        <dl className="facts">
          <dt>Booked for</dt>
          <dd>{new Date(o.scheduledAt).toLocaleString()}</dd>
          <dt>Place</dt>
          <dd>{o.place}</dd>
          <dt>Request</dt>
          <dd>{o.description}</dd>
          <dt>Client</dt>
          <dd>{o.clientId}</dd>
          <dt>Worker</dt>
          <dd>{o.workerId ?? '—'}</dd>
          <dt>Price</dt>
          <dd>{o.priceCents == null ? '—' : `${(o.priceCents / 100).toFixed(2)} CU`}</dd>
          {o.copyOf && (
            <>
              <dt>Copy of</dt>
              <dd>{o.copyOf}</dd>
            </>
          )}
        </dl>
        <ErrorNote error={liveError ?? fail.error ?? rematch.error} />
        {o.status === 'matched' && (
          <button type="button" onClick={() => void rematch.onSubmit()} style={{ marginRight: '0.5rem' }}>
            Give to another worker
          </button>
        )}
        {['matched', 'supplied', 'started'].includes(o.status) && (
          <button type="button" onClick={() => void fail.onSubmit()}>
            Mark failed
          </button>
        )}
      </section>
      <section className="card">
        <h2>History</h2>
        <ol data-testid="order-history">
          {h.timeline.map((t, i) => (
            <li key={i}>
              {new Date(t.at).toLocaleString()}: {t.from ?? '—'} → <strong>{t.to}</strong> by {t.actor}
              {t.note && <span className="muted"> — {t.note}</span>}
            </li>
          ))}
        </ol>
        {h.photos.length > 0 && (
          <>
            <h2>Photos</h2>
            {h.photos.map((p) => (
              <button key={p.kind} type="button" className="link-button" style={{ marginRight: '1rem' }} onClick={() => void show(p.kind as 'check_in' | 'report')}>
                {p.kind === 'report' ? 'Signed report' : 'Check-in photo'} ({Math.round(p.sizeBytes / 1024)} KB)
              </button>
            ))}
            <ErrorNote error={photoError} />
            {photo && <img src={photo} alt="Order photo" style={{ maxWidth: '100%', marginTop: '0.5rem' }} />}
          </>
        )}
      </section>
      <section className="card" data-testid="match-explanation">
        <h2>Why this worker</h2>
        <ErrorNote error={why.error} />
        {why.data?.matches.length === 0 && <p className="muted">Not matched yet (no workers existed when it was placed).</p>}
        {why.data?.matches.map((m, i) => <ExplanationTable key={i} e={m.explanation} at={m.at} />)}
      </section>
    </div>
  );
}

function ExplanationTable({ e, at }: { e: Explanation; at: string }) {
  const rows = [e.chosen, ...e.runnersUp];
  return (
    <div>
      <p className="muted">
        {new Date(at).toLocaleString()} · pipeline v{e.pipelineVersion} · {e.candidates} workers, {e.eligible} eligible
        {e.fallback && ' · every filter together removed everyone, so the filters were dropped'}
        {Object.entries(e.removedBy).map(([k, n]) => ` · ${k} removed ${n}`)}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Worker</th>
            {e.steps.map((s) => (
              <th key={s.name} title={`${s.kind} (${s.type}), weight ${s.weight}`}>
                {s.name}
                {s.type === 'score' && <div className="muted">×{s.weight}</div>}
              </th>
            ))}
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id} style={i === 0 ? { fontWeight: 600 } : undefined}>
              <td title={r.id}>
                {r.id.slice(0, 8)}
                {i === 0 && ' ✓'}
              </td>
              {e.steps.map((s) => {
                const v = r.scores[s.name];
                return <td key={s.name}>{!v ? '' : s.type === 'filter' ? (v.raw ? 'pass' : 'out') : `${v.raw.toFixed(2)} → ${v.weighted.toFixed(2)}`}</td>;
              })}
              <td>{r.total.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
