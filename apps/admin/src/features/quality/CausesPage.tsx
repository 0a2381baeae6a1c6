// The managed list of contributing causes: add, rename, retire, bring back.
import './quality.css';
import { useState } from 'react';
import { ErrorNote, useLoad, useSubmit } from '@mcf/ui';
import { useTrpc } from '../../api.ts';
import { useAction } from './useAction.ts';

export function CausesPage() {
  const trpc = useTrpc();
  const causes = useLoad(() => trpc.quality.causes.list.query({ includeRetired: true }), [trpc]);
  const [label, setLabel] = useState('');
  const add = useSubmit(async () => {
    await trpc.quality.causes.create.mutate({ label });
    setLabel('');
    causes.reload();
  });
  return (
    <div className="quality">
      <form className="card" aria-label="Add a cause" onSubmit={add.onSubmit}>
        <h1>Contributing causes</h1>
        <p className="muted">Reviews choose causes from this list (and may add free text).</p>
        <label>
          New cause
          <input value={label} required maxLength={200} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <ErrorNote error={add.error} />
        <button type="submit" disabled={add.busy}>
          Add cause
        </button>
      </form>
      <section className="card">
        <ErrorNote error={causes.error} />
        <table className="table" data-testid="causes">
          <thead>
            <tr>
              <th>Cause</th>
              <th>Chosen in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(causes.data ?? []).map((c) => (
              <CauseRow key={c.id} cause={c} onChange={causes.reload} />
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function CauseRow({ cause, onChange }: { cause: { id: string; label: string; active: boolean; uses: number }; onChange: () => void }) {
  const trpc = useTrpc();
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(cause.label);
  const save = useAction(async (change: { label?: string; active?: boolean }) => {
    await trpc.quality.causes.update.mutate({ id: cause.id, ...change });
    setEditing(false);
    onChange();
  });
  return (
    <tr className={cause.active ? '' : 'retired'}>
      <td>
        {editing ? <input aria-label="Cause" value={label} onChange={(e) => setLabel(e.target.value)} /> : cause.label}
        {!cause.active && <span className="muted"> (retired)</span>}
        <ErrorNote error={save.error} />
      </td>
      <td>{cause.uses} reviews</td>
      <td className="row-actions">
        {editing ? (
          <button type="button" onClick={() => void save.run({ label })} disabled={save.busy}>
            Save
          </button>
        ) : (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Rename
          </button>
        )}
        <button type="button" className="link-button" onClick={() => void save.run({ active: !cause.active })} disabled={save.busy}>
          {cause.active ? 'Retire' : 'Bring back'}
        </button>
      </td>
    </tr>
  );
}
