// Collecting and paying invoices through the outside providers, safely:
// 1. claim: the invoice becomes `sending` (attempt n, a lease) and that commits BEFORE the call, with
//    the invoice's idempotency key already stored;
// 2. call the provider with that key and a deadline;
// 3. record the answer: paid (plus the ledger's settlement posting, once), failed, or retrying with
//    back-off (a new job at the next attempt time).
// A process that dies between 1 and 3 leaves `sending` with a lapsed lease; the sweep (every minute
// and at start-up) hands it to a new attempt, which reuses the key, so the provider never moves
// money twice.
import { sql } from 'kysely';
import { addJob } from '@mcf/kernel';
import { settlementPosting } from '../domain/ledger.ts';
import { decide, idempotencyKey, retryNeedsFreshKey } from '../domain/settlement.ts';
import { callProvider } from './providers.ts';
import { post } from './ledger.ts';
import { SETTLE_TASK, type BillingDeps } from './deps.ts';
import { DomainError, type Trx } from '@mcf/kernel';
import { ACCOUNTS, billingChanged } from '../events.ts';
import type { BillingDeps as Deps } from './deps.ts';

const tell = (deps: Deps, trx: Trx, inv: { id: string; account_id: string; kind: string; total_cents: number }, status: string) =>
  deps.events.publish(trx, ACCOUNTS, [billingChanged({ accountId: inv.account_id, what: 'invoice', kind: inv.kind, invoiceId: inv.id, status, amountCents: Number(inv.total_cents) })]);

export async function settle(deps: BillingDeps, invoiceId: string): Promise<void> {
  const leaseSeconds = Math.ceil(deps.leaseMs / 1000);
  const inv = await deps.db
    .updateTable('invoice')
    .set({
      status: 'sending',
      attempts: sql`attempts + 1`,
      lease_until: sql`now() + make_interval(secs => ${leaseSeconds})`,
      updated_at: sql`now()`,
    })
    .where('id', '=', invoiceId)
    .where((e) =>
      e.or([
        e.and([e('status', 'in', ['pending', 'retrying']), e.or([e('next_attempt_at', 'is', null), e('next_attempt_at', '<=', sql<Date>`now() + interval '2 seconds'`)])]),
        e.and([e('status', '=', 'sending'), e('lease_until', '<', sql<Date>`now()`)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  if (!inv) return; // paid, failed, not due yet, or another attempt holds it
  const attempt = inv.attempts;
  const provider = inv.kind === 'client_week' ? deps.payments : deps.goldHat;
  const answer = await callProvider(
    provider,
    { idempotencyKey: inv.idempotency_key, accountId: inv.account_id, amountCents: Number(inv.total_cents), method: inv.method, reference: `MCF invoice ${inv.id}` },
    deps.timeoutMs,
  );
  const d = decide(answer, attempt, deps.retry);
  deps.log.info({ invoiceId, attempt, key: inv.idempotency_key, outcome: d.status }, 'invoice settlement attempt');
  await deps.db.transaction().execute(async (trx) => {
    if (d.status === 'paid') {
      // Whoever learns of the transfer first records it; the settlement posting is made once.
      const done = await trx
        .updateTable('invoice')
        .set({ status: 'paid', paid_at: deps.clock.now(), provider_ref: d.ref, last_outcome: 'done', last_error: null, lease_until: null, next_attempt_at: null, updated_at: sql`now()` })
        .where('id', '=', inv.id)
        .where('status', '!=', 'paid')
        .returning('id')
        .executeTakeFirst();
      if (done) {
        await post(trx, settlementPosting({ id: inv.id, kind: inv.kind, accountId: inv.account_id, totalCents: Number(inv.total_cents), at: deps.clock.now() }));
        await tell(deps, trx as unknown as Trx, inv, 'paid');
      }
      return;
    }
    // Only the attempt that holds the invoice records a failure (a stale one changes nothing).
    const mine = trx.updateTable('invoice').where('id', '=', inv.id).where('status', '=', 'sending').where('attempts', '=', attempt);
    if (d.status === 'failed') {
      const failed = await mine.set({ status: 'failed', last_outcome: d.outcome, last_error: d.error, lease_until: null, updated_at: sql`now()` }).returning('id').executeTakeFirst();
      if (failed) await tell(deps, trx as unknown as Trx, inv, 'failed');
      return;
    }
    // Job times are real time (the job queue's), not the business clock.
    const nextAt = new Date(Date.now() + d.delayMs);
    const moved = await mine
      .set({ status: 'retrying', last_outcome: 'unknown', last_error: d.error, lease_until: null, next_attempt_at: nextAt, updated_at: sql`now()` })
      .returning('id')
      .executeTakeFirst();
    if (moved) {
      await addJob(trx, SETTLE_TASK, { invoiceId: inv.id }, { runAt: nextAt, jobKey: `${SETTLE_TASK}:${inv.id}:${attempt + 1}`, maxAttempts: 5 });
      await tell(deps, trx as unknown as Trx, inv, 'retrying');
    }
  });
}

/** Invoices whose attempt died with its process (lapsed lease) or whose job went missing: queue them again. */
export async function sweep(deps: BillingDeps): Promise<number> {
  const stale = await deps.db
    .selectFrom('invoice')
    .select('id')
    .where((e) =>
      e.or([
        e.and([e('status', '=', 'sending'), e('lease_until', '<', sql<Date>`now()`)]),
        e.and([e('status', 'in', ['pending', 'retrying']), e(sql`coalesce(next_attempt_at, updated_at)`, '<', sql<Date>`now() - make_interval(secs => ${Math.ceil(deps.leaseMs / 1000)})`)]),
      ]),
    )
    .limit(500)
    .execute();
  for (const r of stale) await addJob(deps.db, SETTLE_TASK, { invoiceId: r.id }, { jobKey: `${SETTLE_TASK}:${r.id}:sweep`, maxAttempts: 5 });
  if (stale.length) deps.log.warn({ count: stale.length }, 'resuming interrupted invoice settlements');
  return stale.length;
}

/** A manager's retry of a failed (or waiting) invoice. A fresh key only after a definite decline. */
export async function retryInvoice(deps: BillingDeps, invoiceId: string): Promise<{ id: string; status: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const inv = await trx.selectFrom('invoice').selectAll().where('id', '=', invoiceId).forUpdate().executeTakeFirst();
    if (!inv) throw new DomainError('NOT_FOUND', 'Invoice not found');
    if (inv.status === 'paid') throw new DomainError('CONFLICT', 'This invoice is already paid');
    if (inv.status === 'sending') throw new DomainError('CONFLICT', 'This invoice is being sent right now; wait for the answer');
    if (inv.status === 'failed') {
      const fresh = retryNeedsFreshKey(inv.last_outcome);
      const generation = inv.key_generation + (fresh ? 1 : 0);
      await trx
        .updateTable('invoice')
        .set({ status: 'pending', attempts: 0, key_generation: generation, idempotency_key: idempotencyKey(inv.id, generation), next_attempt_at: null, updated_at: sql`now()` })
        .where('id', '=', inv.id)
        .execute();
    } else {
      await trx.updateTable('invoice').set({ next_attempt_at: null, updated_at: sql`now()` }).where('id', '=', inv.id).execute();
    }
    await addJob(trx, SETTLE_TASK, { invoiceId: inv.id }, { jobKey: `${SETTLE_TASK}:${inv.id}:retry`, maxAttempts: 5 });
    await tell(deps, trx as unknown as Trx, inv, inv.status === 'failed' ? 'pending' : inv.status);
    return { id: inv.id, status: inv.status === 'failed' ? 'pending' : inv.status };
  });
}
