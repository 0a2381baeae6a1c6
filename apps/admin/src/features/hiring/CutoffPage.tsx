// /hiring/cutoff — the cut-off and the score distribution (SVG), and the versioned screening
import './hiring.css';
// configuration: create, activate, compare two versions on the same population.
import { useState } from 'react';
import { ErrorNote, useLoad, useSubmit } from '@mcf/ui';
import { Link, useTrpc, type RouterOutputs } from '../../api.ts';
import { DistributionChart } from './DistributionChart.tsx';

type Compare = RouterOutputs['hiring']['config']['compare'];

export function CutoffPage() {
  const trpc = useTrpc();
  const configs = useLoad(() => trpc.hiring.config.list.query(), [trpc]);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const dist = useLoad(() => trpc.hiring.distribution.query({ version }), [trpc, version]);
  const d = dist.data;

  return (
    <div className="stack" data-testid="hiring-cutoff">
      <Link to="/hiring">← Applications</Link>
      <section className="card">
        <div className="row-between">
          <h1>Cut-off</h1>
          <label className="inline">
            Configuration{' '}
            <select value={version ?? ''} onChange={(e) => setVersion(e.target.value ? Number(e.target.value) : undefined)} name="version">
              <option value="">active</option>
              {configs.data?.map((c) => (
                <option key={c.version} value={c.version}>
                  v{c.version}
                  {c.active ? ' (active)' : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorNote error={dist.error} />
        {d && (
          <>
            <p data-testid="cutoff-summary">
              Configuration v{d.version}: top {d.cutoffPercent}% of <strong>{d.population}</strong> scored candidate{d.population === 1 ? "" : "s"} → <strong>{d.passCount}</strong> pass
              {d.cutoffScore !== null && (
                <>
                  {' '}
                  (cut-off score <strong>{d.cutoffScore.toFixed(4)}</strong>
                  {d.tiedAtCutoff > 1 && `, ${d.tiedAtCutoff} tied at the cut-off all pass`})
                </>
              )}
              .
            </p>
            <DistributionChart histogram={d.histogram} cutoffScore={d.cutoffScore} population={d.population} passCount={d.passCount} />
          </>
        )}
      </section>
      <Versions configs={configs.data ?? []} onChange={() => (configs.reload(), dist.reload())} error={configs.error} />
      <NewVersion active={configs.data?.find((c) => c.active)?.config} onDone={() => (configs.reload(), dist.reload())} />
      <CompareVersions versions={configs.data?.map((c) => c.version) ?? []} />
    </div>
  );
}

function Versions({ configs, onChange, error }: { configs: RouterOutputs['hiring']['config']['list']; onChange: () => void; error: unknown }) {
  const trpc = useTrpc();
  const [activateError, setActivateError] = useState<unknown>(null);
  const activate = async (version: number) => {
    setActivateError(null);
    try {
      await trpc.hiring.config.activate.mutate({ version });
      onChange();
    } catch (e) {
      setActivateError(e);
    }
  };
  return (
    <section className="card">
      <h2>Configuration versions</h2>
      <ErrorNote error={error ?? activateError} />
      <table className="table">
        <thead>
          <tr>
            <th>Version</th>
            <th>Cut-off</th>
            <th>Weights</th>
            <th>Note</th>
            <th>Decisions</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {configs.map((c) => (
            <tr key={c.version} data-testid={`config-v${c.version}`}>
              <td>v{c.version}</td>
              <td>
                top {c.config.cutoffPercent}%{c.config.minScore !== null && `, floor ${c.config.minScore}`}
              </td>
              <td className="small">{Object.entries(c.config.weights).map(([k, w]) => `${k}×${w}`).join(', ')}</td>
              <td>{c.note}</td>
              <td>{c.decisions}</td>
              <td>{c.active ? <strong>active</strong> : <button type="button" onClick={() => void activate(c.version)}>Activate</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NewVersion({ active, onDone }: { active: unknown; onDone: () => void }) {
  const trpc = useTrpc();
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [activate, setActivate] = useState(false);
  const value = text ?? JSON.stringify(active ?? {}, null, 2);
  const s = useSubmit(async () => {
    let config;
    try {
      config = JSON.parse(value);
    } catch {
      throw new Error('The configuration is not valid JSON');
    }
    await trpc.hiring.config.create.mutate({ config, note, activate });
    setText(null);
    setNote('');
    onDone();
  });
  return (
    <section className="card">
      <h2>New version</h2>
      <form onSubmit={s.onSubmit} aria-label="New configuration version">
        <label>
          Configuration (cutoffPercent, weights per trait, minScore)
          <textarea rows={10} value={value} onChange={(e) => setText(e.target.value)} name="config" />
        </label>
        <label>
          What changed and why
          <input value={note} onChange={(e) => setNote(e.target.value)} required maxLength={500} name="note" />
        </label>
        <label className="choice">
          <input type="checkbox" checked={activate} onChange={(e) => setActivate(e.target.checked)} /> Make it active now
        </label>
        <ErrorNote error={s.error} />
        <button type="submit" disabled={s.busy}>
          Save version
        </button>
      </form>
    </section>
  );
}

function CompareVersions({ versions }: { versions: number[] }) {
  const trpc = useTrpc();
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  const [result, setResult] = useState<Compare | null>(null);
  const s = useSubmit(async () => {
    if (a === null || b === null) throw new Error('Choose two versions');
    setResult(await trpc.hiring.config.compare.query({ a, b }));
  });
  const pick = (set: (v: number) => void) => (e: { target: { value: string } }) => set(Number(e.target.value));
  return (
    <section className="card">
      <h2>Compare two versions</h2>
      <form onSubmit={s.onSubmit} aria-label="Compare versions" className="inline-form">
        <select value={a ?? ''} onChange={pick(setA)} name="a">
          <option value="">—</option>
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
        <span>vs</span>
        <select value={b ?? ''} onChange={pick(setB)} name="b">
          <option value="">—</option>
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
        <button type="submit" disabled={s.busy}>
          Compare
        </button>
      </form>
      <ErrorNote error={s.error} />
      {result && (
        <div data-testid="compare-result">
          <p>
            On {result.population} candidates: v{result.a.version} passes {result.a.passCount} (cut-off {result.a.cutoffScore ?? '—'}), v{result.b.version} passes{' '}
            {result.b.passCount} (cut-off {result.b.cutoffScore ?? '—'}); {result.passBoth} pass under both.
          </p>
          {result.onlyA.length > 0 && <p className="muted">Only under v{result.a.version}: {result.onlyA.map((x) => x.name).join(', ')}</p>}
          {result.onlyB.length > 0 && <p className="muted">Only under v{result.b.version}: {result.onlyB.map((x) => x.name).join(', ')}</p>}
        </div>
      )}
    </section>
  );
}
