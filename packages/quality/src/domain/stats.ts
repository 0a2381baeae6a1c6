// Failure, no-show and cancellation rates. Only ended orders (completed, failed, canceled) count:
//   failure rate      = failed / ended        (no-shows are failures too)
//   no-show rate      = failed-by-no-show / ended
//   cancellation rate = canceled / ended
// An order belongs to the ISO week (Monday, UTC) of its booked time (`scheduledAt`).

export type OrderStatus = 'created' | 'matched' | 'supplied' | 'started' | 'completed' | 'canceled' | 'failed';

export interface OrderFact {
  orderId: string;
  status: OrderStatus;
  serviceTypeId: string;
  serviceTypeName: string;
  workerId: string | null;
  scheduledAt: Date | string;
  noShow: boolean;
}

export interface RateRow {
  key: string;
  label: string;
  ended: number;
  completed: number;
  failed: number;
  noShow: number;
  canceled: number;
  /** Fractions in [0, 1]; null when nothing ended in the group. */
  failureRate: number | null;
  noShowRate: number | null;
  cancellationRate: number | null;
}

export const ENDED: readonly OrderStatus[] = ['completed', 'failed', 'canceled'];
export const isEnded = (s: OrderStatus) => s === 'completed' || s === 'failed' || s === 'canceled';

export const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** The Monday (UTC) of the ISO week holding `at`, as YYYY-MM-DD. */
export function weekOf(at: Date | string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${String(at)}`);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
  return monday.toISOString().slice(0, 10);
}

function emptyRow(key: string, label: string): RateRow {
  return { key, label, ended: 0, completed: 0, failed: 0, noShow: 0, canceled: 0, failureRate: null, noShowRate: null, cancellationRate: null };
}

function finish(r: RateRow): RateRow {
  return { ...r, failureRate: ratio(r.failed, r.ended), noShowRate: ratio(r.noShow, r.ended), cancellationRate: ratio(r.canceled, r.ended) };
}

/** Rates of the ended orders grouped by `group`; groups come back sorted by key. */
export function ratesBy(orders: readonly OrderFact[], group: (o: OrderFact) => { key: string; label: string }): RateRow[] {
  const rows = new Map<string, RateRow>();
  for (const o of orders) {
    if (!isEnded(o.status)) continue;
    const g = group(o);
    let r = rows.get(g.key);
    if (!r) rows.set(g.key, (r = emptyRow(g.key, g.label)));
    r.ended++;
    if (o.status === 'completed') r.completed++;
    else if (o.status === 'canceled') r.canceled++;
    else {
      r.failed++;
      if (o.noShow) r.noShow++;
    }
  }
  return [...rows.values()].map(finish).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export const NO_WORKER = 'none';

export interface RateReport {
  totals: RateRow;
  byWeek: RateRow[];
  byServiceType: RateRow[];
  byWorker: RateRow[];
}

/** Every breakdown the statistics page shows. `workerName` labels workers (their id when unknown). */
export function rateReport(orders: readonly OrderFact[], workerName: (id: string) => string = (id) => id): RateReport {
  const totals = ratesBy(orders, () => ({ key: 'all', label: 'All orders' }))[0] ?? finish(emptyRow('all', 'All orders'));
  return {
    totals,
    byWeek: ratesBy(orders, (o) => {
      const w = weekOf(o.scheduledAt);
      return { key: w, label: `Week of ${w}` };
    }),
    byServiceType: ratesBy(orders, (o) => ({ key: o.serviceTypeId, label: o.serviceTypeName })),
    byWorker: ratesBy(orders, (o) =>
      o.workerId ? { key: o.workerId, label: workerName(o.workerId) } : { key: NO_WORKER, label: 'No worker assigned' },
    ),
  };
}

export interface Supported {
  id: string;
  text: string;
  support: number;
}

/** The most supported first (ties: older text first by id order given, then alphabetically). */
export function mostSupported<T extends Supported>(items: readonly T[], limit = 10): T[] {
  return [...items]
    .filter((h) => h.support > 0)
    .sort((a, b) => b.support - a.support || a.text.localeCompare(b.text))
    .slice(0, limit);
}
