// A statement: an account's ledger entries as its owner sees them, its invoices, what is still open.
import type { Kysely } from 'kysely';
import type { AccountsDB } from '../db/schema.ts';
import { monthOf, recentMonths } from '../domain/periods.ts';
import type { PostingKind } from '../domain/ledger.ts';
import type { BillingDeps } from './deps.ts';
import { DomainError } from '@mcf/kernel';

export interface StatementEntry {
  id: string;
  at: string;
  kind: PostingKind;
  amountCents: number;
  orderId?: string;
  invoiceId?: string;
  note?: string;
  /** Whether it is already on an invoice. */
  invoiced: boolean;
}

export interface StatementInvoice {
  id: string;
  kind: 'client_week' | 'worker_month';
  periodEnd: string;
  totalCents: number;
  status: string;
  method: string;
  attempts: number;
  lastError: string | null;
  paidAt: string | null;
}

export interface MonthEarnings {
  month: string;
  earningsCents: number;
  finesCents: number;
  creditsCents: number;
  netCents: number;
}

export interface Statement {
  accountId: string;
  role: string;
  entries: StatementEntry[];
  invoices: StatementInvoice[];
  /** Client: what the coming Sunday's invoice will ask for so far. Worker: what the coming month-end payout holds so far. */
  upcomingCents: number;
  /** Client: charged and not yet collected. Worker: earned and not yet paid out. */
  balanceCents: number;
  /** Workers: the last 12 months (server time zone), oldest first; empty for others. */
  earningsByMonth: MonthEarnings[];
}

export async function partyEntries(db: Kysely<AccountsDB>, accountId: string) {
  const rows = await db
    .selectFrom('posting as p')
    .innerJoin('posting_line as l', (j) => j.onRef('l.posting_id', '=', 'p.id').onRef('l.account_id', '=', 'p.account_id'))
    .leftJoin('invoice_item as i', 'i.posting_id', 'p.id')
    .select(['p.id', 'p.kind', 'p.at', 'p.order_id', 'p.invoice_id', 'p.note', 'p.created_at', 'i.invoice_id as on_invoice', (e) => e.fn.sum<number>('l.amount_cents').as('total')])
    .select((e) => e.fn.sum<number>(e.case().when('l.book', '=', 'worker_payable').then(e.ref('l.amount_cents')).else(0).end()).as('payable'))
    .where('p.account_id', '=', accountId)
    .where('l.book', 'in', ['client_receivable', 'worker_payable'])
    .groupBy(['p.id', 'i.invoice_id'])
    .orderBy('p.at')
    .orderBy('p.created_at')
    .execute();
  return rows.map((r) => {
    const payable = Number(r.payable);
    const receivable = Number(r.total) - payable;
    return { ...r, amountCents: receivable - payable };
  });
}

export async function statementOf(deps: BillingDeps, accountId: string): Promise<Statement> {
  const account = await deps.db.selectFrom('account').select(['id', 'role']).where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new DomainError('NOT_FOUND', 'Account not found');
  const rows = await partyEntries(deps.db, accountId);
  const invoices = await deps.db
    .selectFrom('invoice')
    .select(['id', 'kind', 'total_cents', 'status', 'method', 'attempts', 'last_error', 'paid_at', (e) => e.cast<string>('period_end', 'text').as('period_end')])
    .where('account_id', '=', accountId)
    .orderBy('period_end', 'desc')
    .execute();
  const entries: StatementEntry[] = rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    amountCents: r.amountCents,
    ...(r.order_id ? { orderId: r.order_id } : {}),
    ...(r.invoice_id ? { invoiceId: r.invoice_id } : {}),
    ...(r.note ? { note: r.note } : {}),
    invoiced: r.on_invoice !== null,
  }));
  const open = (kinds: PostingKind[]) => entries.filter((e) => kinds.includes(e.kind) && !e.invoiced).reduce((a, e) => a + e.amountCents, 0);
  const isWorker = account.role === 'worker';
  const upcomingCents = isWorker ? open(['earning', 'fine', 'credit']) : open(['charge']);
  const balanceCents = entries.reduce((a, e) => a + e.amountCents, 0);
  let earningsByMonth: MonthEarnings[] = [];
  if (isWorker) {
    const months = recentMonths(deps.clock.now(), deps.tz, 12);
    const by = new Map(months.map((m) => [m, { month: m, earningsCents: 0, finesCents: 0, creditsCents: 0, netCents: 0 }]));
    for (const e of entries) {
      const m = by.get(monthOf(new Date(e.at), deps.tz));
      if (!m) continue;
      if (e.kind === 'earning') m.earningsCents += e.amountCents;
      else if (e.kind === 'fine') m.finesCents += -e.amountCents;
      else if (e.kind === 'credit') m.creditsCents += e.amountCents;
      else continue;
      m.netCents += e.amountCents;
    }
    earningsByMonth = [...by.values()];
  }
  return {
    accountId,
    role: account.role,
    entries,
    invoices: invoices.map((i) => ({
      id: i.id,
      kind: i.kind,
      periodEnd: i.period_end,
      totalCents: Number(i.total_cents),
      status: i.status,
      method: i.method,
      attempts: i.attempts,
      lastError: i.last_error,
      paidAt: i.paid_at ? i.paid_at.toISOString() : null,
    })),
    upcomingCents,
    balanceCents,
    earningsByMonth,
  };
}
