// How the portal shows each kind of test. A kind without a runner here gets the generic one
// (its view as text and a JSON answer), so a new kind works in the portal before it has a nice UI.
import { useEffect, useRef, useState } from 'react';
import { ErrorNote, useLoad, useSubmit } from '@mcf/ui';
import type { CandidateClient } from './CandidatePortal.tsx';

export type Runner = (p: { client: CandidateClient; testId: string; onDone: () => void }) => React.ReactElement;

function useStart(client: CandidateClient, testId: string) {
  return useLoad(() => client.hiring.candidate.start.mutate({ testId }), [client, testId]);
}

export const ReflexTest: Runner = ({ client, testId, onDone }) => {
  const started = useStart(client, testId);
  const view = started.data?.view as { rounds: number; delaysMs: number[]; instructions: string } | undefined;
  const [round, setRound] = useState(-1);
  const [phase, setPhase] = useState<'idle' | 'wait' | 'go'>('idle');
  const reactions = useRef<number[]>([]);
  const shownAt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const submit = useSubmit(async () => {
    await client.hiring.candidate.submit.mutate({ testId, answer: { reactionsMs: reactions.current } });
    onDone();
  });
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  if (started.error) return <ErrorNote error={started.error} />;
  if (!view) return <p className="muted">Loading…</p>;

  const next = (r: number) => {
    if (r >= view.rounds) {
      setPhase('idle');
      setRound(r);
      void submit.onSubmit();
      return;
    }
    setRound(r);
    setPhase('wait');
    timer.current = setTimeout(() => {
      shownAt.current = performance.now();
      setPhase('go');
    }, view.delaysMs[r]);
  };
  const click = () => {
    if (phase === 'wait') {
      // Too early: a false start (0 ms); on to the next round.
      if (timer.current) clearTimeout(timer.current);
      reactions.current.push(0);
      next(round + 1);
    } else if (phase === 'go') {
      reactions.current.push(Math.round(performance.now() - shownAt.current));
      next(round + 1);
    }
  };

  return (
    <div>
      <p>{view.instructions}</p>
      {round < 0 ? (
        <button type="button" onClick={() => next(0)}>
          Start
        </button>
      ) : round < view.rounds ? (
        <button type="button" className={`reflex-pad reflex-${phase}`} data-testid="reflex-pad" data-phase={phase} onMouseDown={click}>
          {phase === 'go' ? '🐭 Pounce!' : 'Wait for it…'}
          <small>
            Round {round + 1} of {view.rounds}
          </small>
        </button>
      ) : (
        <p className="muted">{submit.busy ? 'Sending…' : 'Done.'}</p>
      )}
      <ErrorNote error={submit.error} />
    </div>
  );
};

export const PuzzleTest: Runner = ({ client, testId, onDone }) => {
  const started = useStart(client, testId);
  const view = started.data?.view as { instructions: string; timeLimitSeconds: number; questions: { id: string; prompt: string; choices: string[] }[] } | undefined;
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const submit = useSubmit(async () => {
    await client.hiring.candidate.submit.mutate({ testId, answer: { answers: view!.questions.map((q) => answers[q.id] ?? -1) } });
    onDone();
  });
  if (started.error) return <ErrorNote error={started.error} />;
  if (!view) return <p className="muted">Loading…</p>;
  const startedAt = started.data?.startedAt ? Date.parse(started.data.startedAt) : now;
  const left = Math.max(0, Math.round(view.timeLimitSeconds - (now - startedAt) / 1000));

  return (
    <form onSubmit={submit.onSubmit} aria-label="Puzzle">
      <p>
        {view.instructions} <strong data-testid="time-left">{left} s left</strong>
      </p>
      {view.questions.map((q, i) => (
        <fieldset key={q.id}>
          <legend>
            {i + 1}. {q.prompt}
          </legend>
          {q.choices.map((c, k) => (
            <label key={k} className="choice">
              <input type="radio" name={q.id} checked={answers[q.id] === k} onChange={() => setAnswers((a) => ({ ...a, [q.id]: k }))} /> {c}
            </label>
          ))}
        </fieldset>
      ))}
      <ErrorNote error={submit.error} />
      <button type="submit" disabled={submit.busy}>
        Hand in my answers
      </button>
    </form>
  );
};

export const GenericTest: Runner = ({ client, testId, onDone }) => {
  const started = useStart(client, testId);
  const [text, setText] = useState('{}');
  const submit = useSubmit(async () => {
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new Error('The answer must be JSON');
    }
    await client.hiring.candidate.submit.mutate({ testId, answer });
    onDone();
  });
  if (started.error) return <ErrorNote error={started.error} />;
  if (!started.data) return <p className="muted">Loading…</p>;
  return (
    <form onSubmit={submit.onSubmit} aria-label="Answer">
      <pre className="view">{JSON.stringify(started.data.view, null, 2)}</pre>
      <label>
        Your answer
        <textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <ErrorNote error={submit.error} />
      <button type="submit" disabled={submit.busy}>
        Hand in
      </button>
    </form>
  );
};
