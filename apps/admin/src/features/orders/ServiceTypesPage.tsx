// Service types: create, edit, retire (a retired type takes no new orders but stays on old ones).
import { useState } from 'react';
import { ErrorNote, useLoad, useSubmit } from '@mcf/ui';
import { useTrpc, type RouterOutputs } from '../../api.ts';

type ServiceType = RouterOutputs['orders']['serviceTypes']['list'][number];

export function ServiceTypesPage() {
  const trpc = useTrpc();
  const types = useLoad(() => trpc.orders.serviceTypes.list.query({ includeRetired: true }), [trpc]);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useSubmit(async () => {
    await trpc.orders.serviceTypes.create.mutate({ name, description });
    setName('');
    setDescription('');
    types.reload();
  });
  return (
    <div className="grid" data-testid="service-types">
      <section className="card">
        <h1>Service types</h1>
        <ErrorNote error={types.error} />
        <ul className="list">
          {types.data?.map((t) => <TypeRow key={t.id} type={t} onChange={types.reload} />)}
        </ul>
      </section>
      <form className="card" onSubmit={create.onSubmit} aria-label="New service type">
        <h2>New service type</h2>
        <label>
          Name
          <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Description
          <textarea required maxLength={2000} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <ErrorNote error={create.error} />
        <button type="submit" disabled={create.busy}>
          Create
        </button>
      </form>
    </div>
  );
}

function TypeRow({ type: t, onChange }: { type: ServiceType; onChange: () => void }) {
  const trpc = useTrpc();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(t.name);
  const [description, setDescription] = useState(t.description);
  const save = useSubmit(async () => {
    await trpc.orders.serviceTypes.update.mutate({ id: t.id, name, description });
    setEditing(false);
    onChange();
  });
  const retire = useSubmit(async () => {
    if (!confirm(`Retire “${t.name}”? It will take no new orders.`)) return;
    await trpc.orders.serviceTypes.retire.mutate({ id: t.id });
    onChange();
  });
  if (editing)
    return (
      <li>
        <form onSubmit={save.onSubmit} aria-label={`Edit ${t.name}`}>
          <input required value={name} onChange={(e) => setName(e.target.value)} />
          <textarea required rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
          <ErrorNote error={save.error} />
          <div style={{ display: 'flex', gap: '0.5rem' }}>
            <button type="submit" disabled={save.busy}>
              Save
            </button>
            <button type="button" className="link-button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  return (
    <li data-testid={`service-type-${t.id}`}>
      <strong>{t.name}</strong> {t.retired && <span className="role">retired</span>}
      <div className="muted">{t.description}</div>
      <ErrorNote error={retire.error} />
      {!t.retired && (
        <div style={{ display: 'flex', gap: '0.75rem' }}>
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="link-button" onClick={() => void retire.onSubmit()}>
            Retire
          </button>
        </div>
      )}
    </li>
  );
}
