// Accounts as they are created by any manager, live (`accounts.onAccounts`), newest first.
import { useState } from 'react';
import { ErrorNote, useLive } from '@mcf/ui';
import { useTrpc, type RouterOutputs } from '../../api.ts';

type Tracked = RouterOutputs['accounts']['onAccounts'] extends AsyncIterable<infer T> ? T : never;
type Created = Tracked extends { data: infer D } ? D : never;

export function NewAccountsLive() {
  const trpc = useTrpc();
  const [accounts, setAccounts] = useState<Created[]>([]);
  const liveError = useLive(
    (onError) =>
      trpc.accounts.onAccounts.subscribe(undefined, {
        // A reconnect replays from the last id seen, so an account is never listed twice.
        onData: (e) => setAccounts((list) => [e.data, ...list.filter((a) => a.accountId !== e.data.accountId)].slice(0, 20)),
        onError,
      }),
    [trpc],
  );
  return (
    <section className="card">
      <h2>New accounts</h2>
      <p className="muted">Created by any manager since you opened this page, as it happens.</p>
      <ErrorNote error={liveError} />
      {accounts.length === 0 ? (
        <div className="placeholder">None yet.</div>
      ) : (
        <ul className="list" data-testid="new-accounts">
          {accounts.map((a) => (
            <li key={a.accountId}>
              <strong>{a.name}</strong> <span className="role">{a.role}</span>
              <div className="muted">{a.email}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
