// /hiring — the applications pipeline: new, contacted, testing, decided; live.
import './hiring.css';
import { useState } from 'react';
import { ErrorNote, useLive, useLoad } from '@mcf/ui';
import { Link, useTrpc } from '../../api.ts';

const STATUSES = ['new', 'contacted', 'testing', 'decided'] as const;
type Status = (typeof STATUSES)[number];

export function PipelinePage() {
  const trpc = useTrpc();
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const list = useLoad(() => trpc.hiring.applications.query({ status, limit: 200 }), [trpc, status]);
  const liveError = useLive((onError) => trpc.hiring.onPipeline.subscribe({}, { onData: () => list.reload(), onError }), [trpc, status]);
  const counts = list.data?.counts;

  return (
    <section className="card" data-testid="hiring-pipeline">
      <div className="row-between">
        <h1>Applications</h1>
        <Link to="/hiring/cutoff">Cut-off and configuration →</Link>
      </div>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={status === undefined} className={status === undefined ? 'tab active' : 'tab'} onClick={() => setStatus(undefined)}>
          All
        </button>
        {STATUSES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={status === s} className={status === s ? 'tab active' : 'tab'} onClick={() => setStatus(s)} data-testid={`tab-${s}`}>
            {s} <span className="count">{counts?.[s] ?? 0}</span>
          </button>
        ))}
      </div>
      <ErrorNote error={list.error ?? liveError} />
      {list.data && list.data.applications.length === 0 && <p className="placeholder">No applications here yet.</p>}
      {list.data && list.data.applications.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Age</th>
              <th>Breed</th>
              <th>Coat</th>
              <th>Contact</th>
              <th>Status</th>
              <th>Tests</th>
              <th>Applied</th>
            </tr>
          </thead>
          <tbody>
            {list.data.applications.map((a) => (
              <tr key={a.id} data-testid="application-row">
                <td>
                  <Link to={`/hiring/${a.id}`}>{a.name}</Link>
                </td>
                <td>{a.age}</td>
                <td>{a.breed}</td>
                <td>{a.coatColor}</td>
                <td>{a.contact}</td>
                <td>
                  <span className={`pill pill-${a.decision ?? a.status}`}>{a.decision ?? a.status}</span>
                </td>
                <td>{a.testsTotal ? `${a.testsDone}/${a.testsTotal}` : '—'}</td>
                <td className="muted">{new Date(a.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
