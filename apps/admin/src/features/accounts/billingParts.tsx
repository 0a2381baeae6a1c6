// Money, dates and invoice statuses for the admin's billing screens.
export function cu(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')} CU`;
}

/** "12.5" CU → 1250 cents; null when it is not a positive amount with at most two decimals. */
export function parseCu(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}

export const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
export const when = (iso: string) => new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const STATUS: Record<string, string> = { pending: 'Pending', sending: 'Sending', retrying: 'Retrying', paid: 'Paid', failed: 'Failed' };

export function InvoiceStatus({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{STATUS[status] ?? status}</span>;
}
