// Importing the Happy Cat Box tester roster: paste or upload a CSV (externalId,name,email) or JSON
// file; new testers become clients with a one-time login link to hand out. Known testers are left
// unchanged; a fresh link for one is a click away (accounts.importTestersFile, accounts.issueLoginLink).
import { useState } from 'react';
import { ErrorNote, useSubmit } from '@mcf/ui';
import { useTrpc, type RouterOutputs } from '../../api.ts';

type Imported = RouterOutputs['accounts']['importTestersFile']['clients'][number];

const linkFor = (token: string) => `${window.location.origin}/login/link?token=${encodeURIComponent(token)}`;

export function TestersPage() {
  const trpc = useTrpc();
  const [content, setContent] = useState('externalId,name,email\n');
  const [result, setResult] = useState<Imported[] | null>(null);
  const [fresh, setFresh] = useState<Record<string, string>>({});
  const [linkError, setLinkError] = useState<unknown>(null);
  const submit = useSubmit(async () => {
    setResult(null);
    setFresh({});
    const r = await trpc.accounts.importTestersFile.mutate({ content });
    setResult(r.clients);
  });
  const reissue = async (accountId: string) => {
    setLinkError(null);
    try {
      const r = await trpc.accounts.issueLoginLink.mutate({ accountId });
      setFresh((f) => ({ ...f, [accountId]: r.loginToken }));
    } catch (e) {
      setLinkError(e);
    }
  };
  const onFile = async (file: File | undefined) => {
    if (file) setContent(await file.text());
  };
  return (
    <div className="grid" data-testid="admin-testers">
      <section className="card">
        <h2>Import testers</h2>
        <form onSubmit={submit.onSubmit} aria-label="Import testers">
          <label>
            Roster file (CSV or JSON)
            <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void onFile(e.target.files?.[0])} />
          </label>
          <label>
            Or paste it
            <textarea name="content" rows={10} value={content} onChange={(e) => setContent(e.target.value)} spellCheck={false} />
          </label>
          <ErrorNote error={submit.error} />
          <button type="submit" disabled={submit.busy}>
            {submit.busy ? 'Importing…' : 'Import'}
          </button>
        </form>
        <p className="muted small">The same import runs from the command line: <code>pnpm seed-testers roster.csv</code>.</p>
      </section>
      <section className="card">
        <h2>Login links</h2>
        <ErrorNote error={linkError} />
        {!result ? (
          <div className="placeholder">Import a roster to see each tester’s one-time link.</div>
        ) : (
          <ul className="list" data-testid="imported">
            {result.map((c) => {
              const token = c.loginToken ?? fresh[c.id];
              return (
                <li key={c.externalId} data-created={c.created}>
                  <strong>{c.externalId}</strong> <span className="role">{c.created ? 'new client' : 'already known'}</span>
                  {token ? (
                    <div>
                      <input readOnly value={linkFor(token)} onFocus={(e) => e.target.select()} aria-label={`Login link for ${c.externalId}`} />
                    </div>
                  ) : (
                    <div>
                      <button type="button" className="link-button" onClick={() => void reissue(c.id)}>
                        Issue a new login link
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
