// The worker's task feed: tasks by state, kept current by orders.feed; check in on site with a
// photo once supplies are issued, complete with a photo of the signed report.
import { useState } from 'react';
import { ErrorNote, useLive, useLoad, useSubmit } from '@mcf/ui';
import { useTrpc } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { SupplyStatus } from '../supplies/WorkerSupplies.tsx';
import { fileToPhoto, formatCu, formatWhen, StatusBadge, type OrderView } from './bits.tsx';

type State = 'active' | 'completed' | 'canceled' | 'failed';

export function WorkerHome() {
  const trpc = useTrpc();
  const { me } = useSession();
  const [state, setState] = useState<State>('active');
  const tasks = useLoad(() => trpc.orders.tasks.query({ state }), [trpc, state]);
  const liveError = useLive((onError) => trpc.orders.feed.subscribe({}, { onData: () => tasks.reload(), onError }), [trpc, state]);
  return (
    <section data-testid="home-worker">
      <div className="home-intro">
        <h1>My tasks</h1>
        <p className="muted">Hello, {me?.name}. New tasks arrive here as soon as you are matched.</p>
        <label style={{ maxWidth: 200 }}>
          Show
          <select value={state} onChange={(e) => setState(e.target.value as State)}>
            <option value="active">Active</option>
            <option value="completed">Completed</option>
            <option value="canceled">Canceled</option>
            <option value="failed">Failed</option>
          </select>
        </label>
      </div>
      <ErrorNote error={tasks.error ?? liveError} />
      {tasks.data && tasks.data.length === 0 && <div className="placeholder">No tasks yet.</div>}
      <div className="grid" data-testid="tasks">
        {tasks.data?.map((t) => <Task key={t.id} task={t} onChange={tasks.reload} />)}
      </div>
    </section>
  );
}

function Task({ task: t, onChange }: { task: OrderView; onChange: () => void }) {
  return (
    <article className="card" data-testid={`task-${t.id}`}>
      <h2>{t.serviceTypeName}</h2>
      <p>
        <StatusBadge status={t.status} testId="task-status" />
      </p>
      <dl className="facts">
        <dt>When</dt>
        <dd>{formatWhen(t.scheduledAt)}</dd>
        <dt>Where</dt>
        <dd>{t.place}</dd>
        <dt>Request</dt>
        <dd>{t.description}</dd>
        <dt>Price</dt>
        <dd>{formatCu(t.priceCents)}</dd>
      </dl>
      {(t.status === 'matched' || t.status === 'supplied') && <SupplyStatus orderId={t.id} />}
      {t.status === 'matched' && <p className="muted">Collect your supplies set before you go.</p>}
      {t.status === 'supplied' && <PhotoAction label="Check-in photo" button="Check in" run={(photo, trpc) => trpc.orders.checkIn.mutate({ orderId: t.id, photo })} onDone={onChange} />}
      {t.status === 'started' && <PhotoAction label="Signed report photo" button="Complete" run={(reportPhoto, trpc) => trpc.orders.complete.mutate({ orderId: t.id, reportPhoto })} onDone={onChange} />}
    </article>
  );
}

type Trpc = ReturnType<typeof useTrpc>;
type Photo = Awaited<ReturnType<typeof fileToPhoto>>;

function PhotoAction({ label, button, run, onDone }: { label: string; button: string; run: (p: Photo, trpc: Trpc) => Promise<unknown>; onDone: () => void }) {
  const trpc = useTrpc();
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, onSubmit } = useSubmit(async () => {
    if (!file) throw new Error('Choose a photo first');
    await run(await fileToPhoto(file), trpc);
    onDone();
  });
  return (
    <form onSubmit={onSubmit} aria-label={button}>
      <label>
        {label}
        <input type="file" accept="image/jpeg,image/png,image/webp" capture="environment" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy || !file}>
        {busy ? 'Sending…' : button}
      </button>
    </form>
  );
}
