// Supplies' use cases: requests from order events, issuing, the cookie's journey, the acceptance form.
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import { addJob, DomainError, newId, type Platform, type StoredEvent, type Trx } from '@mcf/kernel';
import { BakeryRejected, type Bakery } from './bakery.ts';
import type { RequestTable, SuppliesDB } from './db/schema.ts';
import { decideIssue, decideOnOrderEvent, hhmm, missing, waitingFor, type RequestState, type SupplyRequest } from './domain/request.ts';
import type { FortuneTeller } from './domain/fortune.ts';
import { SUPPLIES, suppliesEvent, type SuppliesEventType, type SupplyRequestView } from './events.ts';
import type { OrderSnapshot } from './orderSnapshot.ts';
import { renderAcceptanceForm } from './acceptanceForm.ts';

export const SUPPLIES_SCHEMA = 'supplies';
export const ORDER_COOKIE_TASK = 'supplies.orderCookie';
export const CHECK_COOKIE_TASK = 'supplies.checkCookie';

export interface AccountsLookup {
  get(id: string): Promise<{ id: string; name: string; email: string } | null>;
}

export interface SuppliesDeps {
  accounts: AccountsLookup;
  bakery: Bakery;
  fortunes: FortuneTeller;
  /** How many times a failing bakery order is tried before the cookie is marked failed. */
  maxBakeryAttempts: number;
}

type Row = Selectable<RequestTable>;

function toDomain(r: Row): SupplyRequest {
  return {
    id: r.id,
    orderId: r.order_id,
    workerId: r.worker_id,
    workerName: r.worker_name,
    clientId: r.client_id,
    clientName: r.client_name,
    serviceTypeName: r.service_type_name,
    scheduledAt: r.scheduled_at,
    place: r.place,
    description: r.description,
    state: r.state,
    cookie: r.cookie,
    cookieReason: r.cookie_reason,
    cookieDueAt: r.cookie_due_at,
    cookieArrivedAt: r.cookie_arrived_at,
    fortune: r.fortune,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    withdrawnReason: r.withdrawn_reason,
    version: r.version,
    createdAt: r.created_at,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toView(r: SupplyRequest, now: Date): SupplyRequestView {
  return {
    id: r.id,
    requestId: r.id,
    orderId: r.orderId,
    workerId: r.workerId,
    workerName: r.workerName,
    clientName: r.clientName,
    serviceTypeName: r.serviceTypeName,
    scheduledAt: r.scheduledAt.toISOString(),
    place: r.place,
    state: r.state,
    cookie: r.cookie,
    cookieReason: r.cookieReason,
    cookieDueAt: iso(r.cookieDueAt),
    cookieArrivedAt: iso(r.cookieArrivedAt),
    cookieLate: r.state === 'open' && r.cookie === 'pending' && !!r.cookieDueAt && now.getTime() > r.cookieDueAt.getTime(),
    missing: missing(r),
    waitingFor: waitingFor(r, now),
    issuedAt: iso(r.issuedAt),
    issuedBy: r.issuedBy,
    withdrawnReason: r.withdrawnReason,
    version: r.version,
  };
}

export class SuppliesService {
  private readonly db: Kysely<SuppliesDB>;

  constructor(
    private readonly platform: Platform,
    private readonly deps: SuppliesDeps,
  ) {
    this.db = platform.db.withSchema(SUPPLIES_SCHEMA) as unknown as Kysely<SuppliesDB>;
  }

  private now() {
    return this.platform.clock.now();
  }
  private scoped(trx: Trx) {
    return trx.withSchema(SUPPLIES_SCHEMA) as unknown as Kysely<SuppliesDB>;
  }
  view(r: SupplyRequest) {
    return toView(r, this.now());
  }

  // ---- reads

  /**
   * Open requests by booked time (all of them), or issued / withdrawn ones newest first (the latest
   * 200). Without a state: every open request, then the latest issued ones.
   */
  async list(filter: { state?: RequestState; workerId?: string }): Promise<SupplyRequestView[]> {
    if (!filter.state) return [...(await this.list({ ...filter, state: 'open' })), ...(await this.list({ ...filter, state: 'issued' }))];
    let q = this.db.selectFrom('request').selectAll().where('state', '=', filter.state);
    if (filter.workerId) q = q.where('worker_id', '=', filter.workerId);
    q = filter.state === 'open' ? q.orderBy('scheduled_at').orderBy('created_at').limit(2000) : q.orderBy(filter.state === 'issued' ? 'issued_at' : 'scheduled_at', 'desc').limit(200);
    const rows = await q.execute();
    return rows.map((r) => this.view(toDomain(r)));
  }

  async get(requestId: string): Promise<SupplyRequest | null> {
    const r = await this.db.selectFrom('request').selectAll().where('id', '=', requestId).executeTakeFirst();
    return r ? toDomain(r) : null;
  }

  async byOrder(orderId: string): Promise<SupplyRequest | null> {
    const r = await this.db.selectFrom('request').selectAll().where('order_id', '=', orderId).executeTakeFirst();
    return r ? toDomain(r) : null;
  }

  // ---- writes: every change bumps the version and publishes the new view as the last step

  private async lock(trx: Trx, requestId: string) {
    const r = await this.scoped(trx).selectFrom('request').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirst();
    return r ? toDomain(r) : null;
  }

  private async change(trx: Trx, requestId: string, set: Omit<Updateable<RequestTable>, 'id' | 'version'>, type: SuppliesEventType, previousWorkerId?: string) {
    const row = await this.scoped(trx)
      .updateTable('request')
      .set({ ...set, version: sql<number>`version + 1` } as never)
      .where('id', '=', requestId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = this.view(toDomain(row));
    await this.platform.events.publish(trx, SUPPLIES, [suppliesEvent(type, view, previousWorkerId)]);
    return view;
  }

  /** The reaction to orders.matched / canceled / failed (runs once per event, inside `trx`). */
  async onOrderEvent(trx: Trx, event: StoredEvent, again = false): Promise<void> {
    const s = event.payload as OrderSnapshot;
    const db = this.scoped(trx);
    const row = await db.selectFrom('request').selectAll().where('order_id', '=', s.orderId).forUpdate().executeTakeFirst();
    if (row && Number(row.order_event_id) >= event.id) return; // an older event arriving late
    const existing = row ? toDomain(row) : null;
    const decision = decideOnOrderEvent(existing, event.type, s);

    if (!existing) {
      if (decision.kind === 'none' || !s.workerId) return;
      const [worker, client] = await Promise.all([this.deps.accounts.get(s.workerId), this.deps.accounts.get(s.clientId)]);
      const id = newId();
      const opening = decision.kind === 'open';
      const inserted = await db
        .insertInto('request')
        .values({
          id,
          order_id: s.orderId,
          worker_id: s.workerId,
          worker_name: worker?.name ?? 'Unknown worker',
          client_id: s.clientId,
          client_name: client?.name ?? 'Unknown client',
          service_type_name: s.serviceTypeName,
          scheduled_at: new Date(s.scheduledAt),
          place: s.place,
          description: s.description ?? '',
          state: opening ? 'open' : 'withdrawn',
          cookie: 'pending',
          withdrawn_reason: decision.kind === 'withdraw' ? decision.reason : null,
          order_event_id: event.id,
        } as never)
        .onConflict((oc) => oc.column('order_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) {
        // Another reaction for the same order inserted it first. The insert waited for that
        // transaction to commit, so reading again sees its request: decide against that one.
        if (again) throw new Error(`request for order ${s.orderId} created concurrently and still not readable`);
        return this.onOrderEvent(trx, event, true);
      }
      // A cancel that overtook its matched event leaves a withdrawn marker nobody needs to hear about.
      if (!opening) return;
      await addJob(trx, ORDER_COOKIE_TASK, { requestId: id, round: 1 }, { jobKey: `${ORDER_COOKIE_TASK}:${id}:1` });
      await this.platform.events.publish(trx, SUPPLIES, [suppliesEvent('supplies.requestOpened', this.view(toDomain(inserted)))]);
      return;
    }

    const mark = { order_event_id: event.id };
    switch (decision.kind) {
      case 'withdraw':
        await this.change(trx, existing.id, { ...mark, state: 'withdrawn', withdrawn_reason: decision.reason }, 'supplies.withdrawn');
        return;
      case 'readdress': {
        const worker = await this.deps.accounts.get(s.workerId!);
        await this.change(
          trx,
          existing.id,
          {
            ...mark,
            worker_id: s.workerId!,
            worker_name: worker?.name ?? 'Unknown worker',
            scheduled_at: new Date(s.scheduledAt),
            place: s.place,
            // The set went to the previous worker: the new one needs one too.
            ...(decision.reopen ? { state: 'open' as const, issued_at: null, issued_by: null } : {}),
          },
          'supplies.readdressed',
          decision.previousWorkerId,
        );
        return;
      }
      default:
        await db.updateTable('request').set(mark).where('id', '=', existing.id).execute();
    }
  }

  /** Idempotent: double clicks and two clerks at once give one issue (the row lock serialises them). */
  async issue(requestId: string, clerkId: string) {
    return this.platform.db.transaction().execute(async (trx) => {
      const r = await this.lock(trx, requestId);
      if (!r) throw new DomainError('NOT_FOUND', 'Supply request not found');
      const d = decideIssue(r, this.now());
      if (d.kind === 'refuse') throw new DomainError('CONFLICT', d.reason);
      if (d.kind === 'already') return { ...this.view(r), alreadyIssued: true };
      const view = await this.change(trx, requestId, { state: 'issued', issued_at: this.now(), issued_by: clerkId }, 'supplies.issued');
      return { ...view, alreadyIssued: false };
    });
  }

  /** The warehouse records a cookie's arrival by hand (e.g. the bakery's van came without notice). */
  async recordArrival(requestId: string) {
    return this.platform.db.transaction().execute(async (trx) => {
      const r = await this.lock(trx, requestId);
      if (!r) throw new DomainError('NOT_FOUND', 'Supply request not found');
      if (r.cookie === 'arrived') return this.view(r);
      return this.change(trx, requestId, { cookie: 'arrived', cookie_arrived_at: this.now(), cookie_reason: null }, 'supplies.cookieArrived');
    });
  }

  /** A clerk orders a failed cookie again: a new round with a new idempotency key. */
  async retryCookie(requestId: string) {
    return this.platform.db.transaction().execute(async (trx) => {
      const r = await this.lock(trx, requestId);
      if (!r) throw new DomainError('NOT_FOUND', 'Supply request not found');
      if (r.state === 'withdrawn') throw new DomainError('CONFLICT', 'The request was withdrawn; there is no cookie to order');
      if (r.cookie !== 'failed') throw new DomainError('CONFLICT', `The cookie is ${r.cookie}, not failed; nothing to retry`);
      const row = await this.scoped(trx).selectFrom('request').select('cookie_round').where('id', '=', requestId).executeTakeFirstOrThrow();
      const round = row.cookie_round + 1;
      await addJob(trx, ORDER_COOKIE_TASK, { requestId, round }, { jobKey: `${ORDER_COOKIE_TASK}:${requestId}:${round}` });
      return this.change(
        trx,
        requestId,
        { cookie: 'pending', cookie_round: round, cookie_reason: null, cookie_due_at: null, bakery_order_id: null, bakery_attempts: 0 },
        'supplies.cookieOrdered',
      );
    });
  }

  // ---- durable jobs (graphile-worker; at least once, so each is idempotent)

  /** Generates the prediction and orders the cookie from the bakery; then schedules the arrival check. */
  async orderCookieTask(payload: unknown) {
    const { requestId, round } = payload as { requestId: string; round: number };
    const current = await this.db.selectFrom('request').selectAll().where('id', '=', requestId).executeTakeFirst();
    if (!current || current.cookie_round !== round || current.cookie !== 'pending' || current.bakery_order_id || current.state === 'withdrawn') return;
    let fortune = current.fortune;
    if (!fortune) {
      const text = await this.deps.fortunes.predict({ orderId: current.order_id, serviceTypeName: current.service_type_name, clientName: current.client_name });
      // Kept before the call, so a retry (or an LLM that answers differently) sends the same text.
      await this.db.updateTable('request').set({ fortune: text }).where('id', '=', requestId).where('fortune', 'is', null).execute();
      fortune = (await this.db.selectFrom('request').select('fortune').where('id', '=', requestId).executeTakeFirstOrThrow()).fortune!;
    }
    const client = await this.deps.accounts.get(current.client_id);
    let accepted;
    try {
      accepted = await this.deps.bakery.order({
        idempotencyKey: `mcf-cookie:${current.order_id}:${round}`,
        orderId: current.order_id,
        client: { name: client?.name ?? current.client_name, email: client?.email ?? '' },
        text: fortune,
      });
    } catch (e) {
      const giveUp = await this.platform.db.transaction().execute(async (trx) => {
        const r = await this.scoped(trx).selectFrom('request').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
        if (r.cookie_round !== round || r.cookie !== 'pending' || r.bakery_order_id) return true;
        const attempts = r.bakery_attempts + 1;
        const message = e instanceof Error ? e.message : String(e);
        if (e instanceof BakeryRejected || attempts >= this.deps.maxBakeryAttempts) {
          const reason = e instanceof BakeryRejected ? message : `${message}; gave up after ${attempts} attempts`;
          await this.change(trx, requestId, { cookie: 'failed', cookie_reason: reason, bakery_attempts: attempts }, 'supplies.cookieFailed');
          return true;
        }
        await this.change(trx, requestId, { bakery_attempts: attempts, cookie_reason: `${message} (attempt ${attempts} of ${this.deps.maxBakeryAttempts}); retrying` }, 'supplies.cookieDelayed');
        return false;
      });
      if (giveUp) return;
      throw e; // graphile-worker retries with back-off
    }
    await this.platform.db.transaction().execute(async (trx) => {
      const r = await this.scoped(trx).selectFrom('request').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
      if (r.cookie_round !== round || r.cookie !== 'pending' || r.bakery_order_id) return;
      await addJob(trx, CHECK_COOKIE_TASK, { requestId, round, check: 1 }, { runAt: accepted.expectedAt, jobKey: `${CHECK_COOKIE_TASK}:${requestId}:${round}:1` });
      await this.change(trx, requestId, { bakery_order_id: accepted.bakeryOrderId, cookie_due_at: accepted.expectedAt, cookie_reason: null }, 'supplies.cookieOrdered');
    });
  }

  /** Runs when the bakery promised the cookie: records its arrival, or notes the delay and looks again. */
  async checkCookieTask(payload: unknown) {
    const { requestId, round, check } = payload as { requestId: string; round: number; check: number };
    const current = await this.db.selectFrom('request').selectAll().where('id', '=', requestId).executeTakeFirst();
    if (!current || current.cookie_round !== round || current.cookie !== 'pending' || !current.bakery_order_id) return;
    const status = await this.deps.bakery.status(current.bakery_order_id); // outages throw: retried
    await this.platform.db.transaction().execute(async (trx) => {
      const r = await this.lock(trx, requestId);
      if (!r || r.cookie !== 'pending') return;
      const now = this.now();
      if (status.state === 'delivered') {
        await this.change(trx, requestId, { cookie: 'arrived', cookie_arrived_at: now, cookie_reason: null }, 'supplies.cookieArrived');
      } else if (status.state === 'failed') {
        await this.change(trx, requestId, { cookie: 'failed', cookie_reason: status.reason }, 'supplies.cookieFailed');
      } else {
        const runAt = new Date(Math.max(status.expectedAt.getTime(), now.getTime() + 1000));
        await addJob(trx, CHECK_COOKIE_TASK, { requestId, round, check: check + 1 }, { runAt, jobKey: `${CHECK_COOKIE_TASK}:${requestId}:${round}:${check + 1}` });
        await this.change(trx, requestId, { cookie_reason: `the bakery is late; now expected at ${hhmm(status.expectedAt)}` }, 'supplies.cookieDelayed');
      }
    });
  }

  // ---- the acceptance form

  async acceptanceForm(r: SupplyRequest) {
    const bytes = await renderAcceptanceForm({
      orderId: r.orderId,
      workerName: r.workerName,
      clientName: r.clientName,
      serviceTypeName: r.serviceTypeName,
      description: r.description,
      place: r.place,
      scheduledAt: r.scheduledAt,
      generatedAt: this.now(),
    });
    return bytes;
  }
}
