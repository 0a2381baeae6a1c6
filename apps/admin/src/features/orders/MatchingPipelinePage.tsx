// The matching pipeline as configuration: edit the steps (JSON), save as a new version; every match
// records the version it used. The step kinds and the earlier versions are listed beside.
import { useEffect, useState } from 'react';
import { ErrorNote, useLoad, useSubmit } from '@mcf/ui';
import { useTrpc } from '../../api.ts';

export function MatchingPipelinePage() {
  const trpc = useTrpc();
  const current = useLoad(() => trpc.orders.admin.pipeline.get.query(), [trpc]);
  const kinds = useLoad(() => trpc.orders.admin.pipeline.stepKinds.query(), [trpc]);
  const versions = useLoad(() => trpc.orders.admin.pipeline.versions.query(), [trpc]);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  useEffect(() => {
    if (current.data) setText(JSON.stringify(current.data.config, null, 2));
  }, [current.data]);
  const save = useSubmit(async () => {
    let config: unknown;
    try {
      config = JSON.parse(text);
    } catch {
      throw new Error('The configuration is not valid JSON');
    }
    const r = await trpc.orders.admin.pipeline.set.mutate({ config, note, basedOnVersion: current.data?.version });
    setSaved(r.version);
    setNote('');
    current.reload();
    versions.reload();
  });
  return (
    <div className="grid" data-testid="matching-pipeline">
      <form className="card" onSubmit={save.onSubmit} aria-label="Matching pipeline">
        <h1>Matching pipeline {current.data && <span className="role">v{current.data.version}</span>}</h1>
        <p className="muted">
          Steps run in order. Filters remove workers, scores add weight × (0…1), a shortlist keeps the best so far. Reorder, add, remove or
          re-weight steps here; saving makes a new version that the next match uses.
        </p>
        <textarea rows={22} spellCheck={false} style={{ fontFamily: 'monospace' }} value={text} onChange={(e) => setText(e.target.value)} aria-label="Configuration" />
        <label>
          What changed
          <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
        <ErrorNote error={save.error ?? current.error} />
        {saved && <p className="success">Saved as version {saved}.</p>}
        <button type="submit" disabled={save.busy}>
          Save as new version
        </button>
      </form>
      <div>
        <section className="card">
          <h2>Step kinds</h2>
          <ul className="list">
            {kinds.data?.map((k) => (
              <li key={k.kind}>
                <code>{k.kind}</code> <span className="role">{k.type}</span>
                <div className="muted">{k.describe}</div>
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h2>Versions</h2>
          <ul className="list">
            {versions.data?.map((v) => (
              <li key={v.version}>
                v{v.version} · {new Date(v.createdAt).toLocaleString()} · {v.config.steps.map((s) => s.name).join(' → ')}
                {v.note && <div className="muted">{v.note}</div>}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
