// Row ↔ snapshot mapping and the small queries every service part shares.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { DomainError } from '@mcf/kernel';
import type { OrderSnapshot } from '../events.ts';
import type { OrderTable, OrdersDB } from './schema.ts';

export type OrdersDb = Kysely<OrdersDB>;
export type OrdersTrx = Transaction<OrdersDB>;
export type OrderRow = Selectable<OrderTable>;

export function toSnapshot(o: OrderRow, at: Date): OrderSnapshot {
  return {
    orderId: o.id,
    clientId: o.client_id,
    workerId: o.worker_id,
    serviceTypeId: o.service_type_id,
    serviceTypeName: o.service_type_name,
    status: o.status,
    priceCents: o.price_cents,
    scheduledAt: o.scheduled_at.toISOString(),
    place: o.place,
    description: o.description,
    copyOf: o.copy_of,
    reason: o.reason,
    noShow: o.no_show,
    previousWorkerId: o.previous_worker_id,
    at: at.toISOString(),
  };
}

/** The order as the API shows it (docs/api.md `orders.get`, plus what the screens need). */
export function toView(o: OrderRow) {
  return {
    id: o.id,
    clientId: o.client_id,
    workerId: o.worker_id,
    status: o.status,
    priceCents: o.price_cents,
    scheduledAt: o.scheduled_at.toISOString(),
    copyOf: o.copy_of,
    serviceTypeId: o.service_type_id,
    serviceTypeName: o.service_type_name,
    description: o.description,
    place: o.place,
    reason: o.reason,
    noShow: o.no_show,
    basePriceCents: o.base_price_cents,
    discountPercent: o.discount_percent,
    createdAt: o.created_at.toISOString(),
    updatedAt: o.updated_at.toISOString(),
  };
}
export type OrderView = ReturnType<typeof toView>;

export async function findOrder(db: OrdersDb | OrdersTrx, id: string): Promise<OrderRow | null> {
  return (await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Locks the order row for the rest of the transaction: concurrent transitions queue here. */
export async function lockOrder(trx: OrdersTrx, id: string): Promise<OrderRow> {
  const o = await trx.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!o) throw new DomainError('NOT_FOUND', 'Order not found');
  return o;
}
