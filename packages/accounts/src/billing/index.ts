// Billing, as one object the router, the jobs and the facade use.
import { DomainError, newId, type AccountCaller } from '@mcf/kernel';
import { creditPosting } from '../domain/ledger.ts';
import { lastEndedMonth, lastEndedWeek, monthPeriod, weekPeriod, type Period } from '../domain/periods.ts';
import { closePeriod, isClosed } from './closing.ts';
import { post } from './ledger.ts';
import { retryInvoice, settle, sweep } from './settlement.ts';
import { statementOf } from './statement.ts';
import { PAYMENT_METHODS, DEFAULT_PAYMENT_METHOD, type PaymentMethod } from './providers.ts';
import type { BillingDeps } from './deps.ts';
import { ACCOUNTS, billingChanged } from '../events.ts';
import type { InvoiceKind, InvoiceStatus } from '../db/schema.ts';

export { SETTLE_TASK, TICK_TASK, billingDepsFromEnv, type BillingDeps } from './deps.ts';
export type { Statement } from './statement.ts';

export class Billing {
  constructor(readonly deps: BillingDeps) {}

  private assertEnded(p: Period, what: string) {
    if (p.endAt.getTime() > this.deps.clock.now().getTime()) {
      throw new DomainError('CONFLICT', `${what} has not ended yet (it ends ${p.endAt.toISOString()}, server time zone ${this.deps.tz})`);
    }
  }

  async closeWeek(weekEnding: string, by: string | null) {
    const p = weekPeriod(weekEnding, this.deps.tz);
    this.assertEnded(p, `The week ending ${weekEnding}`);
    return (await closePeriod(this.deps, p, by)).invoices;
  }

  async closeMonth(month: string, by: string | null) {
    const p = monthPeriod(month, this.deps.tz);
    this.assertEnded(p, `The month ${month}`);
    return (await closePeriod(this.deps, p, by)).invoices;
  }

  /** The durable schedule (every minute): close the last ended week and month if still open, resume stuck payments. */
  async tick(opts: { closePeriods?: boolean } = {}) {
    if (this.deps.scheduleOn || opts.closePeriods) {
      const now = this.deps.clock.now();
      for (const p of [weekPeriod(lastEndedWeek(now, this.deps.tz), this.deps.tz), monthPeriod(lastEndedMonth(now, this.deps.tz), this.deps.tz)]) {
        if (!(await isClosed(this.deps.db, p))) await closePeriod(this.deps, p, null);
      }
    }
    await sweep(this.deps);
  }

  settle(invoiceId: string) {
    return settle(this.deps, invoiceId);
  }

  resume() {
    return sweep(this.deps);
  }

  retry(invoiceId: string) {
    return retryInvoice(this.deps, invoiceId);
  }

  async creditWorker(input: { workerId: string; amountCents: number; reason: string }, by: string): Promise<{ id: string }> {
    const worker = await this.deps.db.selectFrom('account').select(['id', 'role']).where('id', '=', input.workerId).executeTakeFirst();
    if (!worker || worker.role !== 'worker') throw new DomainError('NOT_FOUND', 'Worker not found');
    const draft = creditPosting({ id: newId(), workerId: worker.id, amountCents: input.amountCents, reason: input.reason.trim(), by, at: this.deps.clock.now() });
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const posted = await post(trx, draft);
      await this.deps.events.publish(trx, ACCOUNTS, [billingChanged({ accountId: worker.id, what: 'entry', kind: 'credit', invoiceId: null, status: null, amountCents: input.amountCents })]);
      return posted;
    });
    return { id: id! };
  }

  /** Own statement by default; managers may read anyone's. */
  async statement(caller: AccountCaller, accountId?: string) {
    const target = accountId ?? caller.accountId;
    if (target !== caller.accountId && caller.role !== 'manager') throw new DomainError('FORBIDDEN', 'Only managers may read another account’s statement');
    return statementOf(this.deps, target);
  }

  /** Any account's statement, without a caller (composition root only). */
  statementOf(accountId: string) {
    return statementOf(this.deps, accountId);
  }

  async invoices(filter: { status?: InvoiceStatus; kind?: InvoiceKind; accountId?: string; limit: number }) {
    let q = this.deps.db
      .selectFrom('invoice as i')
      .innerJoin('account as a', 'a.id', 'i.account_id')
      .select(['i.id', 'i.account_id', 'a.name', 'a.role', 'i.kind', 'i.total_cents', 'i.status', 'i.method', 'i.attempts', 'i.last_error', 'i.last_outcome', 'i.created_at', 'i.paid_at', 'i.updated_at'])
      .select((e) => e.cast<string>('i.period_end', 'text').as('period_end'));
    if (filter.status) q = q.where('i.status', '=', filter.status);
    if (filter.kind) q = q.where('i.kind', '=', filter.kind);
    if (filter.accountId) q = q.where('i.account_id', '=', filter.accountId);
    const rows = await q.orderBy('i.created_at', 'desc').orderBy('i.id').limit(filter.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      accountName: r.name,
      kind: r.kind,
      periodEnd: r.period_end,
      totalCents: Number(r.total_cents),
      status: r.status,
      method: r.method,
      attempts: r.attempts,
      lastError: r.last_error,
      lastOutcome: r.last_outcome,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      paidAt: r.paid_at ? r.paid_at.toISOString() : null,
    }));
  }

  async paymentMethod(accountId: string): Promise<{ method: PaymentMethod; methods: readonly PaymentMethod[] }> {
    const r = await this.deps.db.selectFrom('payment_method').select('method').where('account_id', '=', accountId).executeTakeFirst();
    return { method: (r?.method as PaymentMethod | undefined) ?? DEFAULT_PAYMENT_METHOD, methods: PAYMENT_METHODS };
  }

  async setPaymentMethod(accountId: string, method: PaymentMethod) {
    await this.deps.db
      .insertInto('payment_method')
      .values({ account_id: accountId, method })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ method, updated_at: this.deps.clock.now() }))
      .execute();
    return { method };
  }

  async paidTotalCents(clientId: string): Promise<number> {
    const r = await this.deps.db
      .selectFrom('invoice')
      .select((e) => e.fn.coalesce(e.fn.sum<number>('total_cents'), e.lit(0)).as('total'))
      .where('account_id', '=', clientId)
      .where('kind', '=', 'client_week')
      .where('status', '=', 'paid')
      .executeTakeFirstOrThrow();
    return Number(r.total);
  }
}
