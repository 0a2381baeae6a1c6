// The worker's earnings: a chart by month, what the coming month-end payout holds, every earning,
// fine and credit, and the payout invoices with their status (accounts.billing.statement).
import { ErrorNote, useLive, useLoad } from '@mcf/ui';
import { useTrpc } from '../../api.ts';
import { cu, EntryTable, InvoiceTable } from './billingParts.tsx';
import { EarningsChart } from './EarningsChart.tsx';

export function WorkerEarningsPage() {
  const trpc = useTrpc();
  const statement = useLoad(() => trpc.accounts.billing.statement.query(), [trpc]);
  const liveError = useLive((onError) => trpc.accounts.billing.onChange.subscribe(undefined, { onData: () => statement.reload(), onError }), [trpc, statement.reload]);
  const st = statement.data;
  const sum = (kind: string) => (st?.entries ?? []).filter((e) => e.kind === kind).reduce((a, e) => a + e.amountCents, 0);
  return (
    <section data-testid="worker-earnings">
      <div className="home-intro">
        <h1>Earnings</h1>
        <p className="muted">60% of each completed order, a 40 CU fine for a failed one, plus credits; paid through Gold Hat on the last day of each month.</p>
      </div>
      <ErrorNote error={statement.error ?? liveError} />
      <div className="grid">
        <section className="card">
          <h2>Next payout</h2>
          <p className="big" data-testid="upcoming">{st ? cu(Math.max(0, st.upcomingCents)) : '…'}</p>
          <p className="muted">{st && st.upcomingCents < 0 ? `Fines exceed earnings by ${cu(-st.upcomingCents)}; it carries over.` : 'so far this month'}</p>
        </section>
        <section className="card">
          <h2>All time</h2>
          <dl className="facts">
            <dt>Earnings</dt>
            <dd>{cu(sum('earning'))}</dd>
            <dt>Fines</dt>
            <dd>{cu(sum('fine'))}</dd>
            <dt>Credits</dt>
            <dd>{cu(sum('credit'))}</dd>
            <dt>Paid out</dt>
            <dd>{cu(-sum('payout'))}</dd>
          </dl>
        </section>
      </div>
      <section className="card">
        <h2>By month</h2>
        <EarningsChart months={st?.earningsByMonth ?? []} />
      </section>
      <section className="card">
        <h2>Payouts</h2>
        <InvoiceTable invoices={st?.invoices ?? []} label="Payouts" />
      </section>
      <section className="card">
        <h2>Earnings, fines and credits</h2>
        <EntryTable entries={st?.entries ?? []} label="Earnings, fines and credits" />
      </section>
    </section>
  );
}
