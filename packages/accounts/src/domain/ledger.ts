// The double-entry ledger's rules, as plain functions: which postings an order outcome, a manual
// credit or a settled invoice makes. Every posting's lines sum to zero (debits positive, credits
// negative). Books:
//   client_receivable(client)  what a client owes MCF            (charge +, payment −)
//   worker_payable(worker)     what MCF owes a worker (negative)  (earning −, fine +, credit −, payout +)
//   revenue, worker_cost, fine_income, credit_cost               MCF's own income and expense
//   cash                                                         money in (collections) and out (payouts)
import { cu, mulDiv, type Cents } from '@mcf/kernel';

export type Book = 'client_receivable' | 'worker_payable' | 'revenue' | 'worker_cost' | 'fine_income' | 'credit_cost' | 'cash';
export type PostingKind = 'charge' | 'payment' | 'earning' | 'fine' | 'credit' | 'payout';

export const WORKER_SHARE_PERCENT = 60;
export const FAILURE_FINE_CENTS: Cents = cu(40);
export const CLIENT_KINDS: readonly PostingKind[] = ['charge', 'payment'];
/** What a month-end payout sums up. */
export const WORKER_PAYOUT_KINDS: readonly PostingKind[] = ['earning', 'fine', 'credit'];

export interface Line {
  book: Book;
  accountId: string | null;
  amountCents: Cents;
}

export interface PostingDraft {
  /** The cause, once: a second posting with the same key is never made. */
  key: string;
  kind: PostingKind;
  /** The client or worker this entry belongs to (whose statement shows it). */
  accountId: string;
  at: Date;
  orderId: string | null;
  invoiceId: string | null;
  note: string | null;
  createdBy: string | null;
  lines: Line[];
}

export type OrderOutcomeStatus = 'completed' | 'canceled' | 'failed';

export interface OrderOutcome {
  orderId: string;
  clientId: string;
  workerId: string | null;
  status: OrderOutcomeStatus;
  priceCents: Cents | null;
  at: Date;
}

export const workerShare = (priceCents: Cents): Cents => mulDiv(priceCents, WORKER_SHARE_PERCENT, 100);

const draft = (d: Omit<PostingDraft, 'orderId' | 'invoiceId' | 'note' | 'createdBy'> & Partial<PostingDraft>): PostingDraft => ({
  orderId: null,
  invoiceId: null,
  note: null,
  createdBy: null,
  ...d,
});

/**
 * An order that ended: the client is charged its full price whatever the outcome; the worker earns
 * 60% of a completed order, nothing for a canceled one and is fined 40 CU for a failed one.
 * An order canceled before it was priced costs nothing (there is no price to charge).
 */
export function postingsForOutcome(o: OrderOutcome): PostingDraft[] {
  const out: PostingDraft[] = [];
  const price = o.priceCents ?? 0;
  if (price > 0) {
    out.push(
      draft({
        key: `order:${o.orderId}:client`,
        kind: 'charge',
        accountId: o.clientId,
        at: o.at,
        orderId: o.orderId,
        note: `Order ${o.status}`,
        lines: [
          { book: 'client_receivable', accountId: o.clientId, amountCents: price },
          { book: 'revenue', accountId: null, amountCents: -price },
        ],
      }),
    );
  }
  if (o.workerId && o.status === 'completed' && price > 0) {
    const share = workerShare(price);
    out.push(
      draft({
        key: `order:${o.orderId}:worker`,
        kind: 'earning',
        accountId: o.workerId,
        at: o.at,
        orderId: o.orderId,
        note: `${WORKER_SHARE_PERCENT}% of a completed order`,
        lines: [
          { book: 'worker_cost', accountId: null, amountCents: share },
          { book: 'worker_payable', accountId: o.workerId, amountCents: -share },
        ],
      }),
    );
  }
  if (o.workerId && o.status === 'failed') {
    out.push(
      draft({
        key: `order:${o.orderId}:worker`,
        kind: 'fine',
        accountId: o.workerId,
        at: o.at,
        orderId: o.orderId,
        note: 'Fine for a failed order',
        lines: [
          { book: 'worker_payable', accountId: o.workerId, amountCents: FAILURE_FINE_CENTS },
          { book: 'fine_income', accountId: null, amountCents: -FAILURE_FINE_CENTS },
        ],
      }),
    );
  }
  return out;
}

export function creditPosting(c: { id: string; workerId: string; amountCents: Cents; reason: string; by: string; at: Date }): PostingDraft {
  if (!Number.isSafeInteger(c.amountCents) || c.amountCents <= 0) throw new RangeError('a credit must be a positive whole number of cents');
  return draft({
    key: `credit:${c.id}`,
    kind: 'credit',
    accountId: c.workerId,
    at: c.at,
    note: c.reason,
    createdBy: c.by,
    lines: [
      { book: 'credit_cost', accountId: null, amountCents: c.amountCents },
      { book: 'worker_payable', accountId: c.workerId, amountCents: -c.amountCents },
    ],
  });
}

/** A collected client invoice (cash in, receivable cleared) or a paid worker invoice (payable cleared, cash out). */
export function settlementPosting(inv: { id: string; kind: 'client_week' | 'worker_month'; accountId: string; totalCents: Cents; at: Date; note?: string }): PostingDraft {
  const t = inv.totalCents;
  return inv.kind === 'client_week'
    ? draft({
        key: `invoice:${inv.id}:settled`,
        kind: 'payment',
        accountId: inv.accountId,
        at: inv.at,
        invoiceId: inv.id,
        note: inv.note ?? 'Weekly invoice collected',
        lines: [
          { book: 'cash', accountId: null, amountCents: t },
          { book: 'client_receivable', accountId: inv.accountId, amountCents: -t },
        ],
      })
    : draft({
        key: `invoice:${inv.id}:settled`,
        kind: 'payout',
        accountId: inv.accountId,
        at: inv.at,
        invoiceId: inv.id,
        note: inv.note ?? 'Monthly payout through Gold Hat',
        lines: [
          { book: 'worker_payable', accountId: inv.accountId, amountCents: t },
          { book: 'cash', accountId: null, amountCents: -t },
        ],
      });
}

export const sumLines = (lines: readonly Line[]): Cents => lines.reduce((a, l) => a + l.amountCents, 0);
export const isBalanced = (lines: readonly Line[]) => lines.length >= 2 && sumLines(lines) === 0 && lines.every((l) => Number.isSafeInteger(l.amountCents));

/** The entry as its owner sees it: what a client owes (+ charge, − payment) or what a worker earns (+ earning/credit, − fine/payout). */
export function partyAmount(p: Pick<PostingDraft, 'accountId' | 'lines'>): Cents {
  let receivable = 0;
  let payable = 0;
  for (const l of p.lines) {
    if (l.accountId !== p.accountId) continue;
    if (l.book === 'client_receivable') receivable += l.amountCents;
    if (l.book === 'worker_payable') payable += l.amountCents;
  }
  return receivable - payable;
}

/** Balances of every book (per account for party books), derived from postings. */
export function balances(postings: readonly PostingDraft[]): Map<string, Cents> {
  const m = new Map<string, Cents>();
  for (const p of postings) for (const l of p.lines) {
    const k = l.accountId ? `${l.book}:${l.accountId}` : l.book;
    m.set(k, (m.get(k) ?? 0) + l.amountCents);
  }
  return m;
}

/** A worker's month-end payout from the month's entries: earnings − fines + credits; nothing when not positive (the deficit carries over). */
export function payoutFor(entries: readonly { kind: PostingKind; amountCents: Cents }[]): { netCents: Cents; payoutCents: Cents } {
  const netCents = entries.filter((e) => WORKER_PAYOUT_KINDS.includes(e.kind)).reduce((a, e) => a + e.amountCents, 0);
  return { netCents, payoutCents: Math.max(0, netCents) };
}
