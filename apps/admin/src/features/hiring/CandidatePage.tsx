// /hiring/:id — one candidate: profile and photo, tests and their results, assigning tests with
import './hiring.css';
// parameters, recording an interview, and the decision.
import { useState } from 'react';
import { ErrorNote, useLoad, useSubmit } from '@mcf/ui';
import { Link, useTrpc, type RouterOutputs } from '../../api.ts';
import { useParams } from '../../screen.ts';

type Detail = RouterOutputs['hiring']['application'];
type Kind = RouterOutputs['hiring']['testKinds'][number];

export function CandidatePage() {
  const trpc = useTrpc();
  const { id } = useParams<'id'>();
  const app = useLoad(() => trpc.hiring.application.query({ applicationId: id }), [trpc, id]);
  const photo = useLoad(() => trpc.hiring.photo.query({ applicationId: id }), [trpc, id]);
  const a = app.data;

  return (
    <div className="stack" data-testid="hiring-candidate">
      <Link to="/hiring">← Applications</Link>
      <ErrorNote error={app.error} />
      {a && (
        <>
          <section className="card candidate-head">
            {photo.data && <img className="cat-photo" alt={`Photo of ${a.name}`} src={`data:${photo.data.mimeType};base64,${photo.data.dataBase64}`} />}
            <div>
              <h1>{a.name}</h1>
              <dl className="facts">
                <dt>Age</dt>
                <dd>{a.age}</dd>
                <dt>Breed</dt>
                <dd>{a.breed}</dd>
                <dt>Coat colour</dt>
                <dd>{a.coatColor}</dd>
                <dt>Contact</dt>
                <dd>{a.contact}</dd>
                <dt>Status</dt>
                <dd data-testid="candidate-status">{a.decision ? a.decision.decision : a.status}</dd>
                <dt>Score</dt>
                <dd>{a.score === null ? 'not all tests done' : `${a.score.toFixed(4)} (configuration v${a.decision?.configVersion ?? a.activeConfigVersion})`}</dd>
              </dl>
              {a.status === 'new' && <MarkContacted id={a.id} onDone={app.reload} />}
            </div>
          </section>
          <Tests a={a} onChange={app.reload} />
          {a.traits && <TraitBars traits={a.traits as Record<string, number>} />}
          {a.status !== 'decided' && a.tests.length > 0 && <NewLink id={a.id} />}
          {a.status !== 'decided' && <AssignTests id={a.id} onDone={app.reload} />}
          <Decision a={a} onDone={app.reload} />
        </>
      )}
    </div>
  );
}

function MarkContacted({ id, onDone }: { id: string; onDone: () => void }) {
  const trpc = useTrpc();
  const s = useSubmit(async () => {
    await trpc.hiring.markContacted.mutate({ applicationId: id });
    onDone();
  });
  return (
    <>
      <button type="button" onClick={() => void s.onSubmit()} disabled={s.busy}>
        Mark as contacted
      </button>
      <ErrorNote error={s.error} />
    </>
  );
}

function NewLink({ id }: { id: string }) {
  const trpc = useTrpc();
  const [link, setLink] = useState<string | null>(null);
  const s = useSubmit(async () => {
    const r = await trpc.hiring.newLink.mutate({ applicationId: id });
    setLink(`${location.origin}${r.portalPath}`);
  });
  return (
    <section className="card">
      <h2>Personal link</h2>
      <p className="muted">Links are stored only as a hash, so a lost one cannot be shown again: make a new one (the old one stops working).</p>
      <button type="button" onClick={() => void s.onSubmit()} disabled={s.busy}>
        Make a new link
      </button>
      <ErrorNote error={s.error} />
      {link && (
        <p className="success" data-testid="portal-link">
          <code>{link}</code>
        </p>
      )}
    </section>
  );
}

function Tests({ a, onChange }: { a: Detail; onChange: () => void }) {
  if (a.tests.length === 0) return <section className="card placeholder">No tests assigned yet.</section>;
  return (
    <section className="card">
      <h2>Tests</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Test</th>
            <th>State</th>
            <th>Result</th>
            <th>Traits</th>
          </tr>
        </thead>
        <tbody>
          {a.tests.map((t) => (
            <tr key={t.id} data-testid={`result-${t.kind}`}>
              <td>
                {t.title}
                <div className="muted small">{JSON.stringify(t.params)}</div>
              </td>
              <td>{t.state}</td>
              <td>{t.summary ?? (t.takenBy === 'manager' && a.status !== 'decided' ? <RecordInterview testId={t.id} params={t.params as { topics?: string[] }} onDone={onChange} /> : '—')}</td>
              <td className="small">{t.traits ? Object.entries(t.traits).map(([k, v]) => `${k} ${v > 0 ? '+' : ''}${v}`).join(', ') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RecordInterview({ testId, params, onDone }: { testId: string; params: { topics?: string[] }; onDone: () => void }) {
  const trpc = useTrpc();
  const topics = params.topics ?? [];
  const [ratings, setRatings] = useState<Record<string, number>>(Object.fromEntries(topics.map((t) => [t, 3])));
  const [notes, setNotes] = useState('');
  const s = useSubmit(async () => {
    await trpc.hiring.recordResult.mutate({ testId, answer: { ratings, notes: notes || undefined } });
    onDone();
  });
  return (
    <form onSubmit={s.onSubmit} aria-label="Interview ratings" className="inline-form">
      {topics.map((t) => (
        <label key={t}>
          {t}
          <select value={ratings[t]} onChange={(e) => setRatings((r) => ({ ...r, [t]: Number(e.target.value) }))} name={`rating-${t}`}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label>
        Notes
        <input value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} />
      </label>
      <ErrorNote error={s.error} />
      <button type="submit" disabled={s.busy}>
        Record interview
      </button>
    </form>
  );
}

function AssignTests({ id, onDone }: { id: string; onDone: () => void }) {
  const trpc = useTrpc();
  const kinds = useLoad(() => trpc.hiring.testKinds.query(), [trpc]);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [link, setLink] = useState<string | null>(null);
  const toggle = (k: Kind) =>
    setChosen((c) => {
      const next = { ...c };
      if (k.kind in next) delete next[k.kind];
      else next[k.kind] = JSON.stringify(k.defaults ?? {}, null, 1);
      return next;
    });
  const s = useSubmit(async () => {
    const tests = Object.entries(chosen).map(([kind, text]) => {
      try {
        return { kind, params: JSON.parse(text) as unknown };
      } catch {
        throw new Error(`The parameters of ${kind} are not valid JSON`);
      }
    });
    if (tests.length === 0) throw new Error('Choose at least one test');
    const r = await trpc.hiring.assignTests.mutate({ applicationId: id, tests });
    setLink(`${location.origin}${r.portalPath}`);
    setChosen({});
    onDone();
  });
  return (
    <section className="card">
      <h2>Assign tests</h2>
      <ErrorNote error={kinds.error} />
      <form onSubmit={s.onSubmit} aria-label="Assign tests">
        {kinds.data?.map((k) => (
          <div key={k.kind} className="kind">
            <label className="choice">
              <input type="checkbox" checked={k.kind in chosen} onChange={() => toggle(k)} name={`kind-${k.kind}`} /> <strong>{k.title}</strong>{' '}
              <span className="muted">
                — {k.description} ({k.takenBy === 'manager' ? 'you score it' : 'taken in the portal'}; traits: {k.traits.join(', ')})
              </span>
            </label>
            {k.kind in chosen && (
              <label>
                Parameters (JSON)
                <textarea rows={4} value={chosen[k.kind]} onChange={(e) => setChosen((c) => ({ ...c, [k.kind]: e.target.value }))} name={`params-${k.kind}`} />
              </label>
            )}
          </div>
        ))}
        <ErrorNote error={s.error} />
        <button type="submit" disabled={s.busy}>
          Assign and make a link
        </button>
      </form>
      {link && (
        <p className="success" data-testid="portal-link">
          Send this personal link to the candidate (it replaces any earlier one): <code>{link}</code>
        </p>
      )}
    </section>
  );
}

function Decision({ a, onDone }: { a: Detail; onDone: () => void }) {
  const trpc = useTrpc();
  const [result, setResult] = useState<RouterOutputs['hiring']['decide'] | null>(null);
  const s = useSubmit(async () => {
    setResult(await trpc.hiring.decide.mutate({ applicationId: a.id }));
    onDone();
  });
  if (a.decision) {
    return (
      <section className="card" data-testid="decision">
        <h2>Decision</h2>
        <p className={a.decision.decision === 'accepted' ? 'success' : 'muted'}>
          {a.decision.decision === 'accepted' ? 'Accepted' : 'Rejected'} with score {a.decision.score?.toFixed(4)} under configuration v{a.decision.configVersion}
          {a.decision.decidedAt && ` on ${new Date(a.decision.decidedAt).toLocaleString()}`}.
        </p>
        {a.decision.workerId && <WorkerSignIn workerId={a.decision.workerId} />}
        {result && <p className="muted">{result.message}</p>}
      </section>
    );
  }
  return (
    <section className="card">
      <h2>Decision</h2>
      <p className="muted">Compares this cat's score with every candidate scored so far; only the top of the population passes (see the cut-off page).</p>
      <ErrorNote error={s.error} />
      <button type="button" onClick={() => void s.onSubmit()} disabled={s.busy || a.traits === null}>
        Decide now
      </button>
      {a.traits === null && <p className="muted small">All tests must be done first.</p>}
    </section>
  );
}

/** An accepted cat has no password: the manager sends it a one-time sign-in link. */
function WorkerSignIn({ workerId }: { workerId: string }) {
  const trpc = useTrpc();
  const [link, setLink] = useState<string | null>(null);
  const s = useSubmit(async () => {
    const r = await trpc.accounts.issueLoginLink.mutate({ accountId: workerId });
    setLink(`${location.origin}/login/link?token=${encodeURIComponent(r.loginToken)}`);
  });
  return (
    <div>
      <p className="muted">
        Worker account <code>{workerId}</code>. It has no password: send the new worker a one-time sign-in link.
      </p>
      <button type="button" onClick={() => void s.onSubmit()} disabled={s.busy}>
        Make a sign-in link
      </button>
      <ErrorNote error={s.error} />
      {link && (
        <p className="success" data-testid="worker-link">
          <code>{link}</code>
        </p>
      )}
    </div>
  );
}

function TraitBars({ traits }: { traits: Record<string, number> }) {
  return (
    <section className="card">
      <h2>Strengths and weaknesses</h2>
      <svg viewBox={`0 0 420 ${Object.keys(traits).length * 24 + 8}`} className="traits" role="img" aria-label="Traits">
        <line x1={260} y1={0} x2={260} y2={Object.keys(traits).length * 24 + 8} stroke="#ccc" />
        {Object.entries(traits).map(([k, v], i) => (
          <g key={k} transform={`translate(0 ${i * 24 + 4})`}>
            <text x={0} y={14} fontSize="12">
              {k}
            </text>
            <rect x={v >= 0 ? 260 : 260 + v * 150} y={3} width={Math.abs(v) * 150} height={14} fill={v >= 0 ? '#1f8a4c' : '#c0392b'} />
            <text x={v >= 0 ? 264 + v * 150 : 256 + v * 150} y={14} fontSize="11" textAnchor={v >= 0 ? 'start' : 'end'} fill="#6b6f76">
              {v > 0 ? '+' : ''}
              {v}
            </text>
          </g>
        ))}
      </svg>
    </section>
  );
}
