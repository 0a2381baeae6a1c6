// Managers' billing desk: every invoice (failed collections and payouts first to the eye), retrying
// one, closing a week or a month by hand, and crediting a worker (accounts.billing.*).
import { useState } from 'react';
import { ErrorNote, useLive, useLoad, useSubmit } from '@mcf/ui';
import { Link, useTrpc } from '../../api.ts';
import { cu, day, InvoiceStatus, parseCu, when } from './billingParts.tsx';

type Filter = { status?: 'pending' | 'sending' | 'retrying' | 'paid' | 'failed'; kind?: 'client_week' | 'worker_month' };

export function BillingPage() {
  const trpc = useTrpc();
  const [filter, setFilter] = useState<Filter>({});
  const invoices = useLoad(() => trpc.accounts.billing.invoices.query(filter), [trpc, filter.status, filter.kind]);
  // Settlements run in the background: every invoice change arrives live (accounts.billing.onChange).
  const liveError = useLive(
    (onError) => trpc.accounts.billing.onChange.subscribe({ all: true }, { onData: (e) => e.data.what === 'invoice' && invoices.reload(), onError }),
    [trpc, invoices.reload],
  );
  const [retryError, setRetryError] = useState<unknown>(null);
  const retry = async (invoiceId: string) => {
    setRetryError(null);
    try {
      await trpc.accounts.billing.retryInvoice.mutate({ invoiceId });
    } catch (e) {
      setRetryError(e);
    }
    invoices.reload();
  };
  const list = invoices.data ?? [];
  const troubled = list.filter((i) => i.status === 'failed' || i.status === 'retrying').length;

  return (
    <div data-testid="admin-billing">
      <div className="grid">
        <ClosePeriods onClosed={invoices.reload} />
        <CreditWorker />
      </div>
      <section className="card">
        <h2>Invoices {troubled > 0 && <span className="status status-failed">{troubled} need attention</span>}</h2>
        <div className="form-row filters">
          <label>
            Status
            <select value={filter.status ?? ''} onChange={(e) => setFilter((f) => ({ ...f, status: (e.target.value || undefined) as Filter['status'] }))}>
              <option value="">Any</option>
              <option value="failed">Failed</option>
              <option value="retrying">Retrying</option>
              <option value="sending">Sending</option>
              <option value="pending">Pending</option>
              <option value="paid">Paid</option>
            </select>
          </label>
          <label>
            Kind
            <select value={filter.kind ?? ''} onChange={(e) => setFilter((f) => ({ ...f, kind: (e.target.value || undefined) as Filter['kind'] }))}>
              <option value="">Both</option>
              <option value="client_week">Client collections (weekly)</option>
              <option value="worker_month">Worker payouts (monthly)</option>
            </select>
          </label>
        </div>
        <ErrorNote error={invoices.error ?? retryError ?? liveError} />
        {list.length === 0 ? (
          <div className="placeholder">No invoices.</div>
        ) : (
          <table className="data" aria-label="Invoices" data-testid="invoice-list">
            <thead>
              <tr>
                <th>Account</th>
                <th>Kind</th>
                <th>Period ending</th>
                <th className="num">Total</th>
                <th>Status</th>
                <th>Attempts</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.id} data-status={i.status} data-invoice={i.id}>
                  <td>
                    <Link to={`/statement/${i.accountId}`}>{i.accountName}</Link>
                  </td>
                  <td>{i.kind === 'client_week' ? `Collection · ${i.method.replace('_', ' ')}` : 'Payout · Gold Hat'}</td>
                  <td>{day(`${i.periodEnd}T12:00:00Z`)}</td>
                  <td className="num">{cu(i.totalCents)}</td>
                  <td>
                    <InvoiceStatus status={i.status} />
                    {i.status !== 'paid' && i.lastError && <div className="muted small">{i.lastError}</div>}
                    {i.paidAt && <div className="muted small">{when(i.paidAt)}</div>}
                  </td>
                  <td>{i.attempts}</td>
                  <td>
                    {(i.status === 'failed' || i.status === 'retrying') && (
                      <button type="button" onClick={() => void retry(i.id)}>
                        Retry
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function lastSunday(): string {
  const d = new Date();
  d.setDate(d.getDate() - ((d.getDay() + 7) % 7 || 7));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

function ClosePeriods({ onClosed }: { onClosed: () => void }) {
  const trpc = useTrpc();
  const [weekEnding, setWeekEnding] = useState(lastSunday);
  const [month, setMonth] = useState(lastMonth);
  const [done, setDone] = useState<string | null>(null);
  const week = useSubmit(async () => {
    setDone(null);
    const r = await trpc.accounts.billing.closeWeek.mutate({ weekEnding });
    setDone(`Week ending ${weekEnding}: ${r.invoices.length} client invoice(s).`);
    onClosed();
  });
  const monthly = useSubmit(async () => {
    setDone(null);
    const r = await trpc.accounts.billing.closeMonth.mutate({ month });
    setDone(`${month}: ${r.invoices.length} worker payout(s).`);
    onClosed();
  });
  return (
    <section className="card">
      <h2>Close a period</h2>
      <p className="muted">Runs by itself after each Sunday and month end (server time); closing again changes nothing.</p>
      <form onSubmit={week.onSubmit} aria-label="Close a week" className="period-form">
        <div className="form-row inline">
          <label>
            Week ending (Sunday)
            <input type="date" name="weekEnding" value={weekEnding} onChange={(e) => setWeekEnding(e.target.value)} required />
          </label>
          <button type="submit" disabled={week.busy}>
            Close week
          </button>
        </div>
        <ErrorNote error={week.error} />
      </form>
      <form onSubmit={monthly.onSubmit} aria-label="Close a month" className="period-form">
        <div className="form-row inline">
          <label>
            Month
            <input type="month" name="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
          </label>
          <button type="submit" disabled={monthly.busy}>
            Close month
          </button>
        </div>
        <ErrorNote error={monthly.error} />
      </form>
      {done && <p className="success" data-testid="closed">{done}</p>}
    </section>
  );
}

function CreditWorker() {
  const trpc = useTrpc();
  const workers = useLoad(() => trpc.accounts.list.query({ role: 'worker' }), [trpc]);
  const [workerId, setWorkerId] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const submit = useSubmit(async () => {
    setDone(null);
    const amountCents = parseCu(amount);
    if (amountCents === null) {
      setInvalid('Enter a positive amount in CU, e.g. 25 or 12.50');
      return;
    }
    setInvalid(null);
    await trpc.accounts.billing.creditWorker.mutate({ workerId, amountCents, reason: reason.trim() });
    const who = workers.data?.find((w) => w.id === workerId)?.name ?? 'the worker';
    setDone(`Credited ${cu(amountCents)} to ${who}.`);
    setAmount('');
    setReason('');
  });
  return (
    <section className="card">
      <h2>Credit a worker</h2>
      <form onSubmit={submit.onSubmit} aria-label="Credit a worker">
        <label>
          Worker
          <select name="workerId" value={workerId} onChange={(e) => setWorkerId(e.target.value)} required>
            <option value="">Choose…</option>
            {(workers.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Amount (CU)
          <input name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required placeholder="25.00" />
        </label>
        <label>
          Reason
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} />
        </label>
        {invalid && <p className="error">{invalid}</p>}
        <ErrorNote error={submit.error ?? workers.error} />
        {done && <p className="success" data-testid="credited">{done}</p>}
        <button type="submit" disabled={submit.busy}>
          Credit
        </button>
      </form>
    </section>
  );
}
