// One order's pool: live odds (betting.onOdds), a chart of how they moved, placing a bet, and the
// settlement once the order has ended.
import { useState } from 'react';
import { ErrorNote, useLive, useLoad, useSubmit } from '@mcf/ui';
import { useTrpc, type RouterOutputs } from '../../api.ts';
import { useParams } from '../../screen.ts';
import { formatCu, formatOdds, OUTCOME_LABEL, OUTCOME_LIST, parseCu, type Outcome } from './money.ts';

type Odds = RouterOutputs['betting']['odds'];

export function OrderOdds() {
  const trpc = useTrpc();
  const { id } = useParams<'id'>();
  const [odds, setOdds] = useState<Odds | null>(null);
  const history = useLoad(() => trpc.betting.history.query({ orderId: id }), [trpc, id]);
  const settlement = useLoad(() => (odds && !odds.open ? trpc.betting.settlement.query({ orderId: id }).catch(() => null) : Promise.resolve(null)), [trpc, id, odds?.open]);
  const liveError = useLive(
    (onError) =>
      trpc.betting.onOdds.subscribe(
        { orderId: id },
        {
          onData: (e) => {
            setOdds(e.data);
            history.reload();
          },
          onError,
        },
      ),
    [trpc, id],
  );

  return (
    <div className="grid" data-testid="order-odds">
      <div>
        <section className="card">
          <h2>Live odds</h2>
          <ErrorNote error={liveError} />
          {odds ? (
            <>
              <p>
                Pool <strong data-testid="pool">{formatCu(odds.poolCents)}</strong> ·{' '}
                <span data-testid="betting-state">{odds.open ? 'open for betting' : 'betting closed'}</span>
              </p>
              <table className="entries" data-testid="odds-table">
                <thead>
                  <tr>
                    <th>Outcome</th>
                    <th className="num">Staked</th>
                    <th className="num">Odds</th>
                  </tr>
                </thead>
                <tbody>
                  {OUTCOME_LIST.map((k) => (
                    <tr key={k} data-testid={`odds-${k}`}>
                      <td>{OUTCOME_LABEL[k]}</td>
                      <td className="num">{formatCu(odds.outcomes[k].stakeCents)}</td>
                      <td className="num">{formatOdds(odds.outcomes[k].odds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">Odds = pool ÷ stake on the outcome: what 1 CU on it would return if the order ended now.</p>
            </>
          ) : (
            <p className="muted">Connecting…</p>
          )}
        </section>
        <section className="card">
          <h2>How the odds moved</h2>
          {history.data && history.data.points.length > 1 ? (
            <img data-testid="odds-chart" alt="Odds of each outcome over time" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(history.data.svg)}`} />
          ) : (
            <div className="placeholder">No bets yet.</div>
          )}
          <p className="muted">
            <span style={{ color: '#2e7d32' }}>■</span> completed <span style={{ color: '#f9a825' }}>■</span> canceled{' '}
            <span style={{ color: '#c62828' }}>■</span> failed
          </p>
        </section>
      </div>
      <div>
        {odds?.open && <BetForm orderId={id} />}
        {settlement.data && (
          <section className="card" data-testid="settlement">
            <h2>Settled: {settlement.data.outcome}</h2>
            <p>
              Pool {formatCu(settlement.data.poolCents)}
              {settlement.data.developersBankCents > 0 && <> · to the developers' bank {formatCu(settlement.data.developersBankCents)}</>}
              {settlement.data.refundedCents > 0 && <> · refunded (late) {formatCu(settlement.data.refundedCents)}</>}
            </p>
            <table className="entries">
              <tbody>
                {settlement.data.payouts.map((p) => (
                  <tr key={p.managerId}>
                    <td className="muted">{p.managerId.slice(0, 8)}</td>
                    <td className="num">staked {formatCu(p.stakeCents)}</td>
                    <td className="num">paid {formatCu(p.payoutCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
    </div>
  );
}

function BetForm({ orderId }: { orderId: string }) {
  const trpc = useTrpc();
  const [outcome, setOutcome] = useState<Outcome>('completed');
  const [amount, setAmount] = useState('');
  const [placed, setPlaced] = useState<string | null>(null);
  const { busy, error, onSubmit } = useSubmit(async () => {
    setPlaced(null);
    const cents = parseCu(amount);
    if (cents === null) throw new Error('Enter a stake in CU, e.g. 5 or 2.50');
    const r = await trpc.betting.placeBet.mutate({ orderId, outcome, amountCents: cents });
    setPlaced(`${formatCu(cents)} on ${OUTCOME_LABEL[outcome].toLowerCase()}; ${formatCu(r.balanceCents)} left in your wallet`);
    setAmount('');
  });
  return (
    <section className="card">
      <h2>Place a bet</h2>
      <form onSubmit={onSubmit} aria-label="Place a bet">
        <label>
          Outcome
          <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            {OUTCOME_LIST.map((k) => (
              <option key={k} value={k}>
                {OUTCOME_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Stake (CU)
          <input name="stake" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="5.00" />
        </label>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Placing…' : 'Place bet'}
        </button>
      </form>
      {placed && (
        <p className="success" data-testid="bet-placed">
          Bet placed: {placed}
        </p>
      )}
    </section>
  );
}
