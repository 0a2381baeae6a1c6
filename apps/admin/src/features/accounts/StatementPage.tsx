// Any account's statement, as the manager sees it (accounts.billing.statement { accountId }).
import { ErrorNote, useLoad } from '@mcf/ui';
import { Link, useTrpc } from '../../api.ts';
import { useParams } from '../../screen.ts';
import { cu, day, InvoiceStatus } from './billingParts.tsx';

export function StatementPage() {
  const trpc = useTrpc();
  const { id } = useParams<'id'>();
  const account = useLoad(() => trpc.accounts.billing.statement.query({ accountId: id }), [trpc, id]);
  const st = account.data;
  return (
    <div data-testid="admin-statement">
      <p>
        <Link to="/billing">← Billing</Link>
      </p>
      <ErrorNote error={account.error} />
      {st && (
        <>
          <div className="grid">
            <section className="card">
              <h2>{st.role === 'worker' ? 'Next payout so far' : 'Owed at the end of this week'}</h2>
              <p className="big">{cu(st.upcomingCents)}</p>
              <p className="muted">
                {st.role} · balance {cu(st.balanceCents)}
              </p>
            </section>
            <section className="card">
              <h2>Invoices</h2>
              {st.invoices.length === 0 ? (
                <div className="placeholder">None.</div>
              ) : (
                <ul className="list">
                  {st.invoices.map((i) => (
                    <li key={i.id}>
                      {day(`${i.periodEnd}T12:00:00Z`)} · {cu(i.totalCents)} <InvoiceStatus status={i.status} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <section className="card">
            <h2>Entries</h2>
            {st.entries.length === 0 ? (
              <div className="placeholder">None.</div>
            ) : (
              <table className="data" aria-label="Entries">
                <thead>
                  <tr>
                    <th>Date</th>
                    <th>Kind</th>
                    <th>Order / note</th>
                    <th className="num">Amount</th>
                  </tr>
                </thead>
                <tbody>
                  {[...st.entries].reverse().map((e) => (
                    <tr key={e.id}>
                      <td>{day(e.at)}</td>
                      <td>{e.kind}</td>
                      <td className="muted">{[e.orderId?.slice(0, 8), e.note].filter(Boolean).join(' · ')}</td>
                      <td className="num">{cu(e.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
