// Runs matching for orders in `created`: gathers worker facts, runs the active pipeline, records
// why, assigns the worker and price, and schedules the no-show check — all in the caller's transaction.
import { sql } from 'kysely';
import { addJob, type Clock } from '@mcf/kernel';
import { matchWorker, type PipelineConfig, type WorkerFacts } from '../matching/index.ts';
import { orderEvent, type OrderEvent } from '../events.ts';
import type { PricingPolicy } from '../domain/pricing.ts';
import { noShowDeadline, type ScheduleRules } from '../domain/schedule.ts';
import { lockOrder, toSnapshot, type OrderRow, type OrdersDb, type OrdersTrx } from '../db/store.ts';

export const NO_SHOW_TASK = 'orders.noShowCheck';
// Two matchings at once could both pick the same free worker for overlapping times. Before a free
// worker is assigned, its row is locked and its calendar read again, so matchings that pick different
// workers run side by side without a turn over the whole pool (`chooseWorker`).
const MATCHING_LOCK = 7_261_301;
/** Whole-pool turns, for the rare paths that match many orders or re-match one (roster, re-match). */
export const takeMatchingTurn = (trx: OrdersTrx) => sql`select pg_advisory_xact_lock(${MATCHING_LOCK})`.execute(trx);

/** Locks the worker's row: `wait` false skips a row another matching holds (answers false). */
async function lockWorker(trx: OrdersTrx, workerId: string, wait: boolean): Promise<boolean> {
  const q = trx.selectFrom('worker').select('id').where('id', '=', workerId).forUpdate();
  return (await (wait ? q : q.skipLocked()).executeTakeFirst()) !== undefined;
}

/** Whether the worker has an active order overlapping the booked slot (read after its row is locked). */
async function bookedAt(trx: OrdersTrx, workerId: string, o: Pick<OrderRow, 'id' | 'scheduled_at' | 'ends_at'>): Promise<boolean> {
  const clash = await trx
    .selectFrom('orders')
    .select('id')
    .where('worker_id', '=', workerId)
    .where('status', 'in', ['matched', 'supplied', 'started'])
    .where('scheduled_at', '<', o.ends_at)
    .where('ends_at', '>', o.scheduled_at)
    .where('id', '<>', o.id)
    .limit(1)
    .executeTakeFirst();
  return clash !== undefined;
}

/**
 * Runs the pipeline and secures its choice of a free worker: its row is locked, then its calendar read
 * again. A free worker whose row another matching holds right now (it is being booked) is passed over
 * for this pick — waiting would queue every concurrent matching behind the same best worker — unless
 * nobody free is left, when the pick waits for it. A worker found booked meanwhile is marked busy and
 * the pipeline picks again. Before any wait, the worker rows this choice holds are let go (a
 * savepoint), so a matching never waits while holding one: no deadlocks.
 */
export async function chooseWorker(
  trx: OrdersTrx,
  o: Pick<OrderRow, 'id' | 'scheduled_at' | 'ends_at' | 'service_type_id'>,
  avoid: string[],
  pipeline: { version: number; config: PipelineConfig },
) {
  let facts = await workerFacts(trx, o);
  const beingBooked = new Set<string>();
  let holding = false;
  let saved = false;
  for (;;) {
    const seen = beingBooked.size ? facts.map((f) => (beingBooked.has(f.workerId) ? { ...f, busyAtBookedTime: true } : f)) : facts;
    const result = matchWorker({ orderId: o.id, serviceTypeId: o.service_type_id, scheduledAt: o.scheduled_at, avoidWorkerIds: avoid }, seen, pipeline);
    if (!result) return null;
    const id = result.workerId;
    // Chosen although busy (the pipeline's fallback when its filters removed everyone): nothing to guard.
    if (facts.find((f) => f.workerId === id)?.busyAtBookedTime) return result;
    const wait = beingBooked.has(id);
    if (!saved) {
      await sql`savepoint choose_worker`.execute(trx);
      saved = true;
    } else if (wait && holding) {
      await sql`rollback to savepoint choose_worker`.execute(trx);
      holding = false;
    }
    if (!(await lockWorker(trx, id, wait))) {
      beingBooked.add(id);
      continue;
    }
    holding = true;
    if (!(await bookedAt(trx, id, o))) {
      // Keeps the chosen worker's lock in the transaction; one savepoint fewer for a caller matching many orders.
      await sql`release savepoint choose_worker`.execute(trx);
      return result;
    }
    beingBooked.delete(id);
    facts = facts.map((f) => (f.workerId === id ? { ...f, busyAtBookedTime: true } : f));
  }
}

export async function activePipeline(db: OrdersDb | OrdersTrx): Promise<{ version: number; config: PipelineConfig }> {
  const row = await db.selectFrom('pipeline_version').select(['version', 'config']).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  return { version: row.version, config: row.config as PipelineConfig };
}

export async function workerFacts(db: OrdersDb | OrdersTrx, o: Pick<OrderRow, 'id' | 'scheduled_at' | 'ends_at'>): Promise<WorkerFacts[]> {
  const rows = await sql<{
    id: string; traits: Record<string, number> | null; busy: boolean; completed: number; failed: number; no_shows: number; active: number; faults: number; reviews: number;
  }>`
    select w.id, t.traits,
      coalesce(bool_or(o.status in ('matched','supplied','started') and o.scheduled_at < ${o.ends_at} and o.ends_at > ${o.scheduled_at} and o.id <> ${o.id}), false) as busy,
      count(o.id) filter (where o.status = 'completed')::int as completed,
      count(o.id) filter (where o.status = 'failed' and not o.no_show)::int as failed,
      count(o.id) filter (where o.status = 'failed' and o.no_show)::int as no_shows,
      count(o.id) filter (where o.status in ('matched','supplied','started'))::int as active,
      (select count(*) from orders.worker_finding f where f.worker_id = w.id and f.verdict = 'worker_fault')::int as faults,
      (select count(*) from orders.worker_finding f where f.worker_id = w.id)::int as reviews
    from orders.worker w
    left join orders.worker_traits t on t.worker_id = w.id
    left join orders.orders o on o.worker_id = w.id
    group by w.id, t.traits`.execute(db);
  return rows.rows.map((r) => ({
    workerId: r.id,
    traits: sanitiseTraits(r.traits),
    busyAtBookedTime: r.busy,
    completedOrders: r.completed,
    failedOrders: r.failed,
    noShows: r.no_shows,
    activeOrders: r.active,
    faultFindings: r.faults,
    reviews: r.reviews,
  }));
}

function sanitiseTraits(t: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (t && typeof t === 'object') for (const [k, v] of Object.entries(t)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = Math.max(-1, Math.min(1, v));
  return out;
}

export interface MatchDeps {
  clock: Clock;
  pricing: PricingPolicy;
  rules: ScheduleRules;
}

/**
 * Matches one order if it is still `created` and any worker exists; returns the `matched` event to
 * publish, or null (no workers yet: the order waits and is matched when a worker joins).
 */
export async function matchInTransaction(
  trx: OrdersTrx,
  orderId: string,
  deps: MatchDeps,
  opts: { avoid?: string[]; price?: Awaited<ReturnType<PricingPolicy['quote']>>; withoutTurn?: boolean } = {},
): Promise<OrderEvent | null> {
  if (!opts.withoutTurn) await takeMatchingTurn(trx);
  const o = await lockOrder(trx, orderId);
  if (o.status !== 'created') return null;
  const avoid = opts.avoid ?? (o.copy_of ? await previousWorkers(trx, o.copy_of) : []);
  const pipeline = await activePipeline(trx);
  const result = await chooseWorker(trx, o, avoid, pipeline);
  if (!result) return null;
  const price = opts.price ?? (await deps.pricing.quote({ clientId: o.client_id, serviceTypeId: o.service_type_id }));
  const now = deps.clock.now();
  const updated = await trx
    .updateTable('orders')
    .set({ status: 'matched', worker_id: result.workerId, price_cents: price.priceCents, base_price_cents: price.basePriceCents, discount_percent: price.discountPercent, updated_at: now })
    .where('id', '=', o.id)
    .where('status', '=', 'created')
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto('order_match').values({ order_id: o.id, worker_id: result.workerId, pipeline_version: pipeline.version, fallback: result.explanation.fallback, explanation: JSON.stringify(result.explanation), at: now }).execute();
  await trx.insertInto('order_transition').values({ order_id: o.id, from_status: 'created', to_status: 'matched', at: now, actor: 'system', actor_id: null, note: `pipeline v${pipeline.version}${result.explanation.fallback ? ' (fallback: filters removed everyone)' : ''}` }).execute();
  // Durable: committed with the match, runs even if this process dies; the key keeps one per order.
  await addJob(trx, NO_SHOW_TASK, { orderId: o.id }, { runAt: noShowDeadline(o.scheduled_at, deps.rules), jobKey: `${NO_SHOW_TASK}:${o.id}` });
  return orderEvent(toSnapshot(updated, now));
}

async function previousWorkers(trx: OrdersTrx, originalId: string): Promise<string[]> {
  const o = await trx.selectFrom('orders').select('worker_id').where('id', '=', originalId).executeTakeFirst();
  return o?.worker_id ? [o.worker_id] : [];
}

/**
 * Orders waiting for a worker (created, none existed when they were placed), oldest first — only
 * those a worker can still reach: matching one whose check-in window has closed would make the new
 * worker an instant no-show. Those stay `created` for the client to cancel.
 */
export async function waitingOrders(trx: OrdersTrx, now: Date, rules: ScheduleRules, limit = 100): Promise<string[]> {
  const reachable = new Date(now.getTime() - rules.graceSeconds * 1000);
  const rows = await trx.selectFrom('orders').select('id').where('status', '=', 'created').where('scheduled_at', '>', reachable).orderBy('created_at').limit(limit).execute();
  return rows.map((r) => r.id);
}
