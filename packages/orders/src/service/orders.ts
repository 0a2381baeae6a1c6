// Orders from the client's side: create (and match at once), cancel, rebook; reads with ownership.
import { DomainError, newId } from '@mcf/kernel';
import { orderEvent, type OrderStatus } from '../events.ts';
import { canTransition, explainRefusal } from '../domain/lifecycle.ts';
import { DEFAULT_SLOT_MINUTES } from '../domain/schedule.ts';
import { findOrder, lockOrder, toSnapshot, toView, type OrderRow } from '../db/store.ts';
import { matchInTransaction } from './matcher.ts';
import { publish, type OrdersDeps } from './context.ts';

export interface Viewer {
  accountId: string;
  role: 'client' | 'worker' | 'manager' | 'clerk';
}

export function mayRead(v: Viewer, o: Pick<OrderRow, 'client_id' | 'worker_id' | 'previous_worker_id'>) {
  if (v.role === 'manager') return true;
  if (v.role === 'client') return o.client_id === v.accountId;
  if (v.role === 'worker') return o.worker_id === v.accountId || o.previous_worker_id === v.accountId;
  return false;
}

export function assertReadable(v: Viewer, o: OrderRow | null): OrderRow {
  if (!o) throw new DomainError('NOT_FOUND', 'Order not found');
  if (!mayRead(v, o)) throw new DomainError('FORBIDDEN', 'This order is not yours');
  return o;
}

export interface NewOrder {
  serviceTypeId: string;
  description: string;
  scheduledAt: Date;
  place: string;
}

export async function createOrder(deps: OrdersDeps, clientId: string, input: NewOrder, copyOf: OrderRow | null = null) {
  const now = deps.platform.clock.now();
  if (input.scheduledAt.getTime() <= now.getTime()) throw new DomainError('BAD_REQUEST', 'scheduledAt: the date and time must be in the future');
  const type = await deps.db.selectFrom('service_type').selectAll().where('id', '=', input.serviceTypeId).executeTakeFirst();
  if (!type) throw new DomainError('BAD_REQUEST', 'serviceTypeId: no such service type');
  if (type.retired_at) throw new DomainError('CONFLICT', `The service type “${type.name}” is retired and takes no new orders`);
  // Priced before the transaction: the paid total is another context's read, not ours to lock.
  const price = await deps.pricing.quote({ clientId, serviceTypeId: type.id });
  const id = newId();
  const minutes = type.duration_minutes || DEFAULT_SLOT_MINUTES;
  return deps.db.transaction().execute(async (trx) => {
    if (copyOf) {
      const taken = await trx.selectFrom('orders').select('id').where('copy_of', '=', copyOf.id).executeTakeFirst();
      if (taken) throw new DomainError('CONFLICT', 'This order has already been rebooked');
    }
    const row = await trx
      .insertInto('orders')
      .values({
        id,
        client_id: clientId,
        worker_id: null,
        service_type_id: type.id,
        service_type_name: type.name,
        description: input.description,
        place: input.place,
        scheduled_at: input.scheduledAt,
        ends_at: new Date(input.scheduledAt.getTime() + minutes * 60_000),
        status: 'created',
        price_cents: null,
        base_price_cents: null,
        discount_percent: null,
        copy_of: copyOf?.id ?? null,
        reason: null,
        no_show: false,
        previous_worker_id: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('order_transition').values({ order_id: id, from_status: null, to_status: 'created', at: now, actor: 'client', actor_id: clientId, note: copyOf ? `copy of ${copyOf.id}` : null }).execute();
    const created = orderEvent(toSnapshot(row, now));
    // Matched in the same transaction, so a new order is never left unmatched by a crash in between.
    const matched = await matchInTransaction(trx, id, { clock: deps.platform.clock, pricing: deps.pricing, rules: deps.rules }, {
      price,
      avoid: copyOf?.worker_id ? [copyOf.worker_id] : [],
      withoutTurn: true, // the chosen worker's row lock guards it (matcher.ts chooseWorker)
    });
    await publish(deps, trx, [created, matched]);
    return { id, status: (matched ? 'matched' : 'created') as OrderStatus };
  });
}

export async function rebook(deps: OrdersDeps, clientId: string, orderId: string, scheduledAt: Date) {
  const original = assertReadable({ accountId: clientId, role: 'client' }, await findOrder(deps.db, orderId));
  if (original.status !== 'failed') throw new DomainError('CONFLICT', 'Only a failed order can be rebooked');
  const r = await createOrder(deps, clientId, { serviceTypeId: original.service_type_id, description: original.description, place: original.place, scheduledAt }, original);
  return { id: r.id, status: r.status };
}

export async function cancel(deps: OrdersDeps, v: Viewer, orderId: string, reason: string | null) {
  return deps.db.transaction().execute(async (trx) => {
    const o = await lockOrder(trx, orderId);
    if (v.role === 'client' && o.client_id !== v.accountId) throw new DomainError('FORBIDDEN', 'This order is not yours');
    const by = v.role === 'manager' ? 'manager' : 'client';
    if (!canTransition(o.status, 'canceled', by)) throw new DomainError('CONFLICT', explainRefusal(o.status, 'canceled'));
    const now = deps.platform.clock.now();
    const row = await trx.updateTable('orders').set({ status: 'canceled', reason, updated_at: now }).where('id', '=', o.id).where('status', '=', o.status).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('order_transition').values({ order_id: o.id, from_status: o.status, to_status: 'canceled', at: now, actor: by, actor_id: v.accountId, note: reason }).execute();
    await publish(deps, trx, [orderEvent(toSnapshot(row, now))]);
    return toView(row);
  });
}
