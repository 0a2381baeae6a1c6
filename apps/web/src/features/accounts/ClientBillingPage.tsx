// The client's bills: what this Sunday's invoice will ask so far, every charge, past invoices with
// their payment status, and the payment method (accounts.billing.*).
import { useEffect, useState } from 'react';
import { ErrorNote, useLive, useLoad, useSubmit } from '@mcf/ui';
import { useTrpc } from '../../api.ts';
import { cu, EntryTable, InvoiceTable } from './billingParts.tsx';

const METHODS: Record<string, string> = { card: 'Card', bank_transfer: 'Bank transfer', hcb_wallet: 'Happy Cat Box wallet' };

export function ClientBillingPage() {
  const trpc = useTrpc();
  const statement = useLoad(() => trpc.accounts.billing.statement.query(), [trpc]);
  const method = useLoad(() => trpc.accounts.billing.paymentMethod.query(), [trpc]);
  const [choice, setChoice] = useState<string>('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (method.data) setChoice(method.data.method);
  }, [method.data]);
  // Charges are booked and invoices collected in the background: re-read on every change, live.
  const liveError = useLive((onError) => trpc.accounts.billing.onChange.subscribe(undefined, { onData: () => statement.reload(), onError }), [trpc, statement.reload]);
  const save = useSubmit(async () => {
    setSaved(false);
    await trpc.accounts.billing.setPaymentMethod.mutate({ method: choice as 'card' });
    method.reload();
    setSaved(true);
  });
  const st = statement.data;
  return (
    <section data-testid="client-billing">
      <div className="home-intro">
        <h1>Billing</h1>
        <p className="muted">Every Sunday the week’s orders become one invoice, collected through your payment method.</p>
      </div>
      <ErrorNote error={statement.error ?? liveError} />
      <div className="grid">
        <section className="card">
          <h2>This week</h2>
          <p className="big" data-testid="upcoming">{st ? cu(st.upcomingCents) : '…'}</p>
          <p className="muted">due at the end of Sunday</p>
        </section>
        <section className="card">
          <h2>Payment method</h2>
          <form onSubmit={save.onSubmit} aria-label="Payment method">
            <select name="method" value={choice} onChange={(e) => setChoice(e.target.value)}>
              {(method.data?.methods ?? []).map((m) => (
                <option key={m} value={m}>
                  {METHODS[m] ?? m}
                </option>
              ))}
            </select>
            <ErrorNote error={save.error ?? method.error} />
            {saved && <p className="success">Saved: the next invoice uses it.</p>}
            <button type="submit" disabled={save.busy || !choice}>
              Save
            </button>
          </form>
        </section>
      </div>
      <section className="card">
        <h2>Invoices</h2>
        <InvoiceTable invoices={st?.invoices ?? []} label="Invoices" />
      </section>
      <section className="card">
        <h2>Charges and payments</h2>
        <EntryTable entries={st?.entries ?? []} label="Charges and payments" />
      </section>
    </section>
  );
}
