// /candidate?token=… — the candidate portal. It uses its own client with the candidate token (never
import './hiring.css';
// the web app's session), and reaches only `hiring.candidate.*`.
import { useMemo, useState } from 'react';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '@mcf/server';
import { ErrorNote, useLoad } from '@mcf/ui';
import { useSearch } from '../../api.ts';
import { ReflexTest, PuzzleTest, GenericTest, type Runner } from './TestRunners.tsx';

export type CandidateClient = ReturnType<typeof candidateClient>;
const candidateClient = (token: string) =>
  createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc', headers: () => ({ authorization: `Bearer ${token}` }) })] });

const RUNNERS: Record<string, Runner> = { reflex: ReflexTest, puzzle: PuzzleTest };

export function CandidatePortal() {
  const token = useSearch().get('token');
  const client = useMemo(() => (token ? candidateClient(token) : null), [token]);
  const me = useLoad(() => (client ? client.hiring.candidate.me.query() : Promise.resolve(null)), [client]);
  const [open, setOpen] = useState<string | null>(null);

  if (!token) return <Note title="Your tests">Open the personal link a manager sent you.</Note>;
  if (me.error) return <Note title="Your tests"><ErrorNote error={me.error} /></Note>;
  if (!me.data) return <p className="muted">Loading…</p>;
  const m = me.data;

  const current = m.tests.find((t) => t.id === open);
  if (current && client) {
    const Runner = RUNNERS[current.kind] ?? GenericTest;
    return (
      <div className="card portal">
        <h1>{current.title}</h1>
        <p className="muted">{current.description}</p>
        <Runner
          client={client}
          testId={current.id}
          onDone={() => {
            setOpen(null);
            me.reload();
          }}
        />
      </div>
    );
  }

  return (
    <div className="card portal" data-testid="candidate-portal">
      <h1>Hello, {m.name}</h1>
      {m.message ? <p className={m.status === 'decided' ? 'success' : 'muted'}>{m.message}</p> : <p className="muted">Here are your tests. Take them when you are rested and ready.</p>}
      <ul className="tests">
        {m.tests.map((t) => (
          <li key={t.id} data-testid={`test-${t.kind}`}>
            <div>
              <strong>{t.title}</strong> <span className="muted">— {t.description}</span>
            </div>
            {t.state === 'done' ? (
              <span className="success">Done</span>
            ) : t.takenBy === 'manager' ? (
              <span className="muted">A manager will do this with you</span>
            ) : m.status === 'decided' ? (
              <span className="muted">Closed</span>
            ) : (
              <button type="button" onClick={() => setOpen(t.id)}>
                {t.state === 'started' ? 'Continue' : 'Start'}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Note({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="card narrow">
      <h1>{title}</h1>
      <div className="muted">{children}</div>
    </div>
  );
}
