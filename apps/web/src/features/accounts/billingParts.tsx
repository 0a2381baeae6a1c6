// Pieces the client's and the worker's billing screens share: money, dates, statuses, tables.
import type { RouterOutputs } from '../../api.ts';

export type Statement = RouterOutputs['accounts']['billing']['statement'];
export type Entry = Statement['entries'][number];
export type Invoice = Statement['invoices'][number];

/** 12345 → "123.45 CU" (money is whole hundredths of a cat-unit). */
export function cu(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')} CU`;
}

export const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

const KIND: Record<Entry['kind'], string> = {
  charge: 'Order charge',
  payment: 'Invoice paid',
  earning: 'Earning (60%)',
  fine: 'Fine (failed order)',
  credit: 'Credit',
  payout: 'Payout via Gold Hat',
};

const STATUS: Record<string, string> = { pending: 'Pending', sending: 'Sending', retrying: 'Retrying', paid: 'Paid', failed: 'Failed' };

export function InvoiceStatus({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{STATUS[status] ?? status}</span>;
}

export function InvoiceTable({ invoices, label }: { invoices: Invoice[]; label: string }) {
  if (invoices.length === 0) return <div className="placeholder">No invoices yet.</div>;
  return (
    <table className="data" aria-label={label} data-testid="invoices">
      <thead>
        <tr>
          <th>Period ending</th>
          <th className="num">Total</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((i) => (
          <tr key={i.id} data-status={i.status}>
            <td>{day(`${i.periodEnd}T12:00:00Z`)}</td>
            <td className="num">{cu(i.totalCents)}</td>
            <td>
              <InvoiceStatus status={i.status} />
              {i.status !== 'paid' && i.lastError && <div className="muted small">{i.lastError}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EntryTable({ entries, label }: { entries: Entry[]; label: string }) {
  if (entries.length === 0) return <div className="placeholder">Nothing yet.</div>;
  return (
    <table className="data" aria-label={label} data-testid="entries">
      <thead>
        <tr>
          <th>Date</th>
          <th>What</th>
          <th className="num">Amount</th>
        </tr>
      </thead>
      <tbody>
        {[...entries].reverse().map((e) => (
          <tr key={e.id} data-kind={e.kind}>
            <td>{day(e.at)}</td>
            <td>
              {KIND[e.kind]}
              {e.orderId && <span className="muted small"> · order {e.orderId.slice(0, 8)}</span>}
              {e.note && e.kind === 'credit' && <div className="muted small">{e.note}</div>}
            </td>
            <td className={`num ${e.amountCents < 0 ? 'minus' : ''}`}>{cu(e.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
