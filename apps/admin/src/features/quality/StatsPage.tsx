// Statistics: failure, no-show and cancellation rates by week, service type and worker (hand-written
// SVG charts plus the figures), the most supported hypotheses, and CSV downloads.
import './quality.css';
import { useState } from 'react';
import { ErrorNote, useLive, useLoad } from '@mcf/ui';
import { useAction } from './useAction.ts';
import { Link, useTrpc, type RouterOutputs } from '../../api.ts';
import { BarChart, CountBars, LineChart, RATE_SERIES, pct } from './charts.tsx';
import { ServiceTypeSelect } from './ServiceTypeSelect.tsx';

type Row = RouterOutputs['quality']['stats']['totals'];
const rates = (r: Row) => [r.failureRate, r.noShowRate, r.cancellationRate];
const byLabel = (rows: Row[]) => [...rows].sort((a, b) => a.label.localeCompare(b.label));

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function StatsPage() {
  const trpc = useTrpc();
  const [serviceTypeId, setServiceTypeId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = { serviceTypeId: serviceTypeId || undefined, from: from || undefined, to: to || undefined };
  const stats = useLoad(() => trpc.quality.stats.query(filter), [trpc, serviceTypeId, from, to]);
  // New reviews change the hypotheses and counts: refresh on the live quality channel.
  const liveError = useLive((onError) => trpc.quality.onQueue.subscribe({}, { onData: () => stats.reload(), onError }), [trpc, stats.reload]);
  const csv = useAction(async (kind: 'rates' | 'hypotheses' | 'reviews') => {
    const r = await trpc.quality.exportCsv.query({ kind, ...filter });
    download(r.filename, r.csv);
  });
  const s = stats.data;
  return (
    <div className="quality" data-testid="quality-stats">
      <section className="card">
        <h1>Quality statistics</h1>
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
        <div className="actions">
          <button type="button" disabled={csv.busy} onClick={() => void csv.run('rates')} data-testid="csv-rates">
            Download rates (CSV)
          </button>
          <button type="button" className="secondary" disabled={csv.busy} onClick={() => void csv.run('reviews')}>
            Download reviews (CSV)
          </button>
          <button type="button" className="secondary" disabled={csv.busy} onClick={() => void csv.run('hypotheses')}>
            Download hypotheses (CSV)
          </button>
        </div>
        <ErrorNote error={stats.error ?? liveError ?? csv.error} />
        {s && (
          <dl className="facts totals" data-testid="stats-totals">
            <dt>Ended orders</dt>
            <dd data-testid="total-ended">{s.totals.ended}</dd>
            <dt>Failure rate</dt>
            <dd data-testid="total-failure">{pct(s.totals.failureRate)}</dd>
            <dt>No-show rate</dt>
            <dd data-testid="total-noshow">{pct(s.totals.noShowRate)}</dd>
            <dt>Cancellation rate</dt>
            <dd data-testid="total-cancel">{pct(s.totals.cancellationRate)}</dd>
            <dt>Reviews</dt>
            <dd data-testid="total-reviews">
              {s.reviews.submitted} submitted, {s.reviews.open} open
            </dd>
          </dl>
        )}
      </section>
      {s && (
        <>
          <section className="card">
            <h2>By week</h2>
            {s.byWeek.length === 0 ? (
              <p className="muted">No ended orders yet.</p>
            ) : (
              <LineChart title="Rates by week" testId="chart-weeks" labels={s.byWeek.map((w) => w.key)} series={RATE_SERIES} values={RATE_SERIES.map((_, i) => s.byWeek.map((w) => rates(w)[i]))} />
            )}
            <RateTable rows={s.byWeek} first="Week of" />
          </section>
          <section className="card">
            <h2>By service type</h2>
            <BarChart title="Rates by service type" testId="chart-service-types" series={RATE_SERIES} rows={byLabel(s.byServiceType).map((r) => ({ label: r.label, values: rates(r), note: `${r.ended} ended` }))} />
            <RateTable rows={byLabel(s.byServiceType)} first="Service type" />
          </section>
          <section className="card">
            <h2>By worker</h2>
            <BarChart title="Rates by worker" testId="chart-workers" series={RATE_SERIES} rows={byLabel(s.byWorker).map((r) => ({ label: r.label, values: rates(r), note: `${r.ended} ended` }))} />
            <RateTable rows={byLabel(s.byWorker)} first="Worker" />
          </section>
          <section className="card">
            <h2>
              Most supported hypotheses <Link to="/quality/hypotheses">(all)</Link>
            </h2>
            {s.topHypotheses.length === 0 ? (
              <p className="muted">No hypotheses yet: they come from submitted reviews.</p>
            ) : (
              <CountBars title="Most supported hypotheses" testId="chart-hypotheses" rows={s.topHypotheses.map((h) => ({ label: h.text, count: h.support }))} />
            )}
            {s.topCauses.length + s.topOtherCauses.length > 0 && (
              <>
                <h2>Most chosen causes</h2>
                <CountBars
                  title="Most chosen causes"
                  testId="chart-causes"
                  rows={[
                    ...s.topCauses.map((c) => ({ label: c.text, count: c.support })),
                    ...s.topOtherCauses.map((c) => ({ label: `${c.text} (free text)`, count: c.count })),
                  ].sort((a, b) => b.count - a.count)}
                />
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function RateTable({ rows, first }: { rows: Row[]; first: string }) {
  if (rows.length === 0) return null;
  return (
    <details>
      <summary>Figures</summary>
      <table className="table">
        <thead>
          <tr>
            <th>{first}</th>
            <th>Ended</th>
            <th>Failed</th>
            <th>No-show</th>
            <th>Canceled</th>
            <th>Failure</th>
            <th>No-show</th>
            <th>Cancellation</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{first === 'Week of' ? r.key : r.label}</td>
              <td>{r.ended}</td>
              <td>{r.failed}</td>
              <td>{r.noShow}</td>
              <td>{r.canceled}</td>
              <td>{pct(r.failureRate)}</td>
              <td>{pct(r.noShowRate)}</td>
              <td>{pct(r.cancellationRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
