// Every hypothesis for improving the business, most supported first: repeated causes add up here.
import './quality.css';
import { useState } from 'react';
import { ErrorNote, useLoad } from '@mcf/ui';
import { Link, useTrpc } from '../../api.ts';

export function HypothesesPage() {
  const trpc = useTrpc();
  const list = useLoad(() => trpc.quality.hypotheses.list.query(), [trpc]);
  const [filter, setFilter] = useState('');
  const shown = (list.data ?? []).filter((h) => !filter || h.text.toLowerCase().includes(filter.toLowerCase()));
  return (
    <div className="quality">
      <section className="card">
        <h1>Hypotheses</h1>
        <p className="muted">
          Ideas for improving the business from submitted reviews; support is the number of reviews that back each one.{' '}
          <Link to="/quality/stats">Statistics</Link>
        </p>
        <label>
          Find
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <ErrorNote error={list.error} />
        {list.data && list.data.length === 0 ? <p className="placeholder">No hypotheses yet.</p> : null}
        {shown.length > 0 && (
          <table className="table" data-testid="hypotheses">
            <thead>
              <tr>
                <th>Hypothesis</th>
                <th>Supporting reviews</th>
                <th>Last supported</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((h) => (
                <tr key={h.id}>
                  <td>{h.text}</td>
                  <td>{h.support}</td>
                  <td>{h.lastSupportedAt ? new Date(h.lastSupportedAt).toLocaleDateString() : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
