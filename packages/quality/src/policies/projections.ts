// Quality's reactions: keep its own projection of orders and supplies, and queue every failed or
// canceled order for review. Each runs once per event (kernel); every write is also idempotent on
// its own (upsert guarded by event id, insert-or-nothing), so a replayed event changes nothing and
// events handled out of order never roll a newer state back.
import type { Kysely } from 'kysely';
import { newId, type Db, type Platform, type Reaction, type StoredEvent, type Trx } from '@mcf/kernel';
import { queueReasonFor } from '../domain/review.ts';
import { isEnded } from '../domain/stats.ts';
import { ORDER_EVENT_TYPES, QUALITY, SUPPLY_EVENT_TYPES, reviewQueued, type OrderSnapshot, type SupplyPayload } from '../events.ts';
import type { QualityDB } from '../db/schema.ts';

const q = (trx: Db | Trx) => trx.withSchema('quality') as unknown as Kysely<QualityDB>;

/** `publisher` null: a catch-up replay (a migration), where nobody is watching live. */
export async function projectOrderEvent(publisher: Pick<Platform, 'events'> | null, trx: Db | Trx, event: Pick<StoredEvent, 'id' | 'type' | 'payload' | 'at'>) {
  const s = event.payload as OrderSnapshot;
  if (!s || typeof s.orderId !== 'string') return;
  const db = q(trx);
  const at = new Date(s.at);
  const row = {
    order_id: s.orderId,
    client_id: s.clientId,
    worker_id: s.workerId ?? null,
    service_type_id: s.serviceTypeId,
    service_type_name: s.serviceTypeName,
    status: s.status,
    price_cents: s.priceCents ?? null,
    scheduled_at: new Date(s.scheduledAt),
    place: s.place ?? '',
    description: s.description ?? '',
    copy_of: s.copyOf ?? null,
    reason: s.reason ?? null,
    no_show: Boolean(s.noShow),
    ended_at: isEnded(s.status) ? at : null,
    last_event_id: event.id,
    updated_at: at,
  };
  const { order_id: _id, ...update } = row;
  await db
    .insertInto('order_fact')
    .values(row)
    .onConflict((oc) =>
      oc.column('order_id').doUpdateSet(update).where('order_fact.last_event_id', '<', event.id),
    )
    .execute();
  await db
    .insertInto('order_event')
    .values({ event_id: event.id, order_id: s.orderId, type: event.type, status: s.status, worker_id: s.workerId ?? null, reason: s.reason ?? null, at })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
  const reason = queueReasonFor(s.status);
  if (reason) {
    const queued = await db
      .insertInto('review')
      .values({ id: newId(), order_id: s.orderId, reason, status: 'open', created_at: at })
      .onConflict((oc) => oc.columns(['order_id', 'reason']).doNothing())
      .returning('id')
      .executeTakeFirst();
    // Only a newly queued review is news; publishing is the transaction's last step (live runs get a Trx).
    if (queued && publisher) await publisher.events.publish(trx as Trx, QUALITY, [reviewQueued({ reviewId: queued.id, orderId: s.orderId, reason })]);
  }
}

export async function projectSupplyEvent(trx: Db | Trx, event: Pick<StoredEvent, 'id' | 'type' | 'payload' | 'at'>) {
  const p = event.payload as SupplyPayload;
  if (!p || typeof p.requestId !== 'string') return;
  const row = {
    request_id: p.requestId,
    order_id: p.orderId,
    worker_id: p.workerId ?? null,
    cookie: p.cookie ?? null,
    state: p.state ?? null,
    last_type: event.type,
    last_event_id: event.id,
    updated_at: new Date(event.at),
  };
  await q(trx)
    .insertInto('supply_fact')
    .values(row)
    .onConflict((oc) =>
      oc.column('request_id').doUpdateSet({ worker_id: row.worker_id, cookie: row.cookie, state: row.state, last_type: row.last_type, last_event_id: row.last_event_id, updated_at: row.updated_at }).where('supply_fact.last_event_id', '<', event.id),
    )
    .execute();
}

export function qualityReactions(platform: Pick<Platform, 'events'>): Reaction[] {
  return [
    { name: 'quality.projectOrders', on: ORDER_EVENT_TYPES, run: (trx, e) => projectOrderEvent(platform, trx, e) },
    { name: 'quality.projectSupplies', on: SUPPLY_EVENT_TYPES, run: projectSupplyEvent },
  ];
}
