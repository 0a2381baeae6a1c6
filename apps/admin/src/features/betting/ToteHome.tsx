// The tote's home: my wallet (top up, history), orders open for betting, the leaderboard.
import { useEffect, useState } from 'react';
import { ErrorNote, useLoad, useSubmit } from '@mcf/ui';
import { Link, useTrpc } from '../../api.ts';
import { formatCu, formatOdds, OUTCOME_LABEL, OUTCOME_LIST, parseCu } from './money.ts';

const KIND_LABEL = { top_up: 'Top-up', stake: 'Stake', payout: 'Winnings', refund: 'Refund' } as const;

export function ToteHome() {
  return (
    <div className="grid" data-testid="tote-home">
      <div>
        <OpenOrders />
        <RecentlySettled />
        <Leaderboard />
      </div>
      <Wallet />
    </div>
  );
}

function Wallet() {
  const trpc = useTrpc();
  const wallet = useLoad(() => trpc.betting.wallet.query(), [trpc]);
  const [amount, setAmount] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    const cents = parseCu(amount);
    if (cents === null) throw new Error('Enter an amount in CU, e.g. 25 or 12.50');
    await trpc.betting.topUp.mutate({ amountCents: cents });
    setAmount('');
    wallet.reload();
  });
  return (
    <section className="card">
      <h2>My betting wallet</h2>
      <p className="balance" data-testid="wallet-balance">{wallet.data ? formatCu(wallet.data.balanceCents) : '…'}</p>
      <form onSubmit={onSubmit} aria-label="Top up">
        <label>
          Amount (CU)
          <input name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="25.00" />
        </label>
        <ErrorNote error={error ?? wallet.error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Topping up…' : 'Top up'}
        </button>
      </form>
      {wallet.data && wallet.data.entries.length > 0 && (
        <table className="entries">
          <tbody>
            {wallet.data.entries.slice(0, 15).map((e) => (
              <tr key={e.id}>
                <td className="muted">{new Date(e.at).toLocaleString()}</td>
                <td>{KIND_LABEL[e.kind]}{e.orderId ? <> · <Link to={`/betting/orders/${e.orderId}`}>order</Link></> : null}</td>
                <td className="num">{formatCu(e.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OpenOrders() {
  const trpc = useTrpc();
  const orders = useLoad(() => trpc.betting.openOrders.query(), [trpc]);
  // The list refreshes every few seconds; an order's own page has the odds live.
  useEffect(() => {
    const t = setInterval(() => orders.reload(), 5000);
    return () => clearInterval(t);
  }, [orders.reload]);
  return (
    <section className="card">
      <h2>Open for betting</h2>
      <ErrorNote error={orders.error} />
      {orders.data?.length === 0 && <div className="placeholder">No open orders right now.</div>}
      <ul className="list" data-testid="open-orders">
        {orders.data?.map((o) => (
          <li key={o.orderId}>
            <Link to={`/betting/orders/${o.orderId}`}>
              <strong>{o.serviceTypeName || 'Order'}</strong>
            </Link>{' '}
            <span className="role">{o.status}</span>
            <div className="muted">
              {o.description} {o.scheduledAt ? `· ${new Date(o.scheduledAt).toLocaleString()}` : ''}
            </div>
            <div>
              Pool {formatCu(o.odds.poolCents)} ·{' '}
              {OUTCOME_LIST.map((k) => `${OUTCOME_LABEL[k]} ${formatOdds(o.odds.outcomes[k].odds)}`).join(' · ')}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Leaderboard() {
  const trpc = useTrpc();
  const board = useLoad(() => trpc.betting.leaderboard.query(), [trpc]);
  return (
    <section className="card">
      <h2>Leaderboard</h2>
      <ErrorNote error={board.error} />
      {board.data && (
        <>
          <table className="entries" data-testid="leaderboard">
            <thead>
              <tr>
                <th>Manager</th>
                <th className="num">Net winnings</th>
                <th className="num">Staked (settled)</th>
              </tr>
            </thead>
            <tbody>
              {board.data.entries.map((e) => (
                <tr key={e.managerId}>
                  <td>{e.name}</td>
                  <td className="num">{formatCu(e.netCents)}</td>
                  <td className="num">{formatCu(e.stakedCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Developers' bank: {formatCu(board.data.developersBankCents)}</p>
        </>
      )}
    </section>
  );
}

function RecentlySettled() {
  const trpc = useTrpc();
  const list = useLoad(() => trpc.betting.recentSettlements.query(), [trpc]);
  if (!list.data?.length) return null;
  return (
    <section className="card">
      <h2>Recently settled</h2>
      <ErrorNote error={list.error} />
      <ul className="list" data-testid="recent-settlements">
        {list.data.slice(0, 10).map((r) => (
          <li key={r.orderId}>
            <Link to={`/betting/orders/${r.orderId}`}>{r.serviceTypeName || 'Order'}</Link> <span className="role">{r.outcome}</span>
            <div className="muted">
              Pool {formatCu(r.poolCents)}
              {r.developersBankCents > 0 ? ` · to the developers' bank ${formatCu(r.developersBankCents)}` : ''} · {new Date(r.settledAt).toLocaleString()}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
