// Closing a period: each client's week of charges becomes one invoice; each worker's month of
// earnings, fines and credits becomes one payout invoice. Once per period, even from several
// processes at once: a per-kind advisory lock serialises closers and `billing_period` remembers
// what was closed (a second close returns the first one's invoices).
import { sql, type Kysely } from 'kysely';
import { addJob, newId } from '@mcf/kernel';
import type { AccountsDB } from '../db/schema.ts';
import type { Period } from '../domain/periods.ts';
import { idempotencyKey } from '../domain/settlement.ts';
import { SETTLE_TASK, type BillingDeps } from './deps.ts';
import { DEFAULT_PAYMENT_METHOD } from './providers.ts';
import { ACCOUNTS, billingChanged } from '../events.ts';

export interface InvoiceSummary {
  id: string;
  accountId: string;
  totalCents: number;
  status: string;
}

const CLOSE_LOCK_BASE = 7_261_400;

async function periodInvoices(db: Kysely<AccountsDB>, p: Period): Promise<InvoiceSummary[]> {
  const rows = await db
    .selectFrom('invoice')
    .select(['id', 'account_id', 'total_cents', 'status'])
    .where('kind', '=', p.kind)
    .where('period_end', '=', p.periodEnd)
    .orderBy('account_id')
    .execute();
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, totalCents: Number(r.total_cents), status: r.status }));
}

export async function isClosed(db: Kysely<AccountsDB>, p: Period) {
  return !!(await db.selectFrom('billing_period').select('kind').where('kind', '=', p.kind).where('period_end', '=', p.periodEnd).executeTakeFirst());
}

export async function closePeriod(deps: BillingDeps, p: Period, by: string | null): Promise<{ invoices: InvoiceSummary[]; closedNow: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${CLOSE_LOCK_BASE + (p.kind === 'client_week' ? 1 : 2)})`.execute(trx);
    const fresh = await trx
      .insertInto('billing_period')
      .values({ kind: p.kind, period_end: p.periodEnd, closed_by: by })
      .onConflict((oc) => oc.columns(['kind', 'period_end']).doNothing())
      .returning('kind')
      .executeTakeFirst();
    if (!fresh) return { invoices: await periodInvoices(trx, p), closedNow: false };

    const client = p.kind === 'client_week';
    // Everything owed up to the period's end and not yet on an invoice (late-booked entries included).
    const entries = await trx
      .selectFrom('posting as p')
      .innerJoin('posting_line as l', (j) => j.onRef('l.posting_id', '=', 'p.id').onRef('l.account_id', '=', 'p.account_id').on('l.book', '=', client ? 'client_receivable' : 'worker_payable'))
      .select(['p.id', 'p.account_id', (e) => e.fn.sum<number>('l.amount_cents').as('amount')])
      .where('p.kind', 'in', client ? ['charge'] : ['earning', 'fine', 'credit'])
      .where('p.at', '<', p.endAt)
      .where((e) => e.not(e.exists(e.selectFrom('invoice_item as i').select('i.posting_id').whereRef('i.posting_id', '=', 'p.id'))))
      .groupBy(['p.id', 'p.account_id'])
      .execute();
    const byAccount = new Map<string, { ids: string[]; total: number }>();
    for (const e of entries) {
      const a = byAccount.get(e.account_id) ?? { ids: [], total: 0 };
      a.ids.push(e.id);
      a.total += client ? Number(e.amount) : -Number(e.amount);
      byAccount.set(e.account_id, a);
    }
    const methods = client
      ? new Map((await trx.selectFrom('payment_method').select(['account_id', 'method']).execute()).map((r) => [r.account_id, r.method]))
      : new Map<string, string>();
    for (const [accountId, a] of byAccount) {
      // A worker whose fines exceed the month's earnings is paid nothing; the entries stay open and
      // count against the next month.
      if (a.total <= 0) continue;
      const id = newId();
      await trx
        .insertInto('invoice')
        .values({
          id,
          account_id: accountId,
          kind: p.kind,
          period_end: p.periodEnd,
          period_end_at: p.endAt,
          total_cents: a.total,
          status: 'pending',
          method: client ? (methods.get(accountId) ?? DEFAULT_PAYMENT_METHOD) : 'goldhat',
          idempotency_key: idempotencyKey(id, 0),
        })
        .execute();
      await trx.insertInto('invoice_item').values(a.ids.map((posting_id) => ({ posting_id, invoice_id: id }))).execute();
      await addJob(trx, SETTLE_TASK, { invoiceId: id }, { jobKey: `${SETTLE_TASK}:${id}:1`, maxAttempts: 5 });
    }
    const invoices = await periodInvoices(trx, p);
    deps.log.info({ kind: p.kind, periodEnd: p.periodEnd, invoices: invoices.length }, 'billing period closed');
    await deps.events.publish(
      trx,
      ACCOUNTS,
      invoices.map((i) => billingChanged({ accountId: i.accountId, what: 'invoice', kind: p.kind, invoiceId: i.id, status: i.status, amountCents: i.totalCents })),
    );
    return { invoices, closedNow: true };
  });
}
