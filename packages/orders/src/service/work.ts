// Orders from the worker's side and the system's: check-in, completion, supplies issued, no-show.
import { DomainError } from '@mcf/kernel';
import { orderEvent, type OrderStatus } from '../events.ts';
import { canTransition, explainRefusal, type Actor } from '../domain/lifecycle.ts';
import { checkInWindow, noShowDeadline } from '../domain/schedule.ts';
import type { PhotoMime } from '../domain/photo.ts';
import { lockOrder, toSnapshot, toView, type OrderRow, type OrdersTrx } from '../db/store.ts';
import { publish, type OrdersDeps } from './context.ts';

interface Photo {
  kind: 'check_in' | 'report';
  mimeType: PhotoMime;
  bytes: Buffer;
}

async function move(deps: OrdersDeps, trx: OrdersTrx, o: OrderRow, to: OrderStatus, by: Actor, actorId: string | null, patch: Partial<Pick<OrderRow, 'reason' | 'no_show'>> = {}, note: string | null = null) {
  if (!canTransition(o.status, to, by)) throw new DomainError('CONFLICT', explainRefusal(o.status, to));
  const now = deps.platform.clock.now();
  // Conditional on the status we read under the row lock: belt and braces against a lost update.
  const row = await trx.updateTable('orders').set({ ...patch, status: to, updated_at: now }).where('id', '=', o.id).where('status', '=', o.status).returningAll().executeTakeFirst();
  if (!row) throw new DomainError('CONFLICT', 'The order changed meanwhile; reload it');
  await trx.insertInto('order_transition').values({ order_id: o.id, from_status: o.status, to_status: to, at: now, actor: by, actor_id: actorId, note }).execute();
  return { row, event: orderEvent(toSnapshot(row, now)) };
}

async function savePhoto(trx: OrdersTrx, orderId: string, by: string, p: Photo, at: Date) {
  await trx.insertInto('order_photo').values({ order_id: orderId, kind: p.kind, mime_type: p.mimeType, data: p.bytes, size_bytes: p.bytes.length, uploaded_by: by, at }).execute();
}

function ownTask(o: OrderRow, workerId: string) {
  if (o.worker_id !== workerId) throw new DomainError('FORBIDDEN', 'This is not your task');
}

export async function checkIn(deps: OrdersDeps, workerId: string, orderId: string, photo: Photo) {
  return deps.db.transaction().execute(async (trx) => {
    const o = await lockOrder(trx, orderId);
    ownTask(o, workerId);
    if (!canTransition(o.status, 'started', 'worker')) {
      const msg = o.status === 'matched' ? 'Supplies have not been issued for this order yet; collect them first' : explainRefusal(o.status, 'started');
      throw new DomainError('CONFLICT', msg);
    }
    const win = checkInWindow(deps.platform.clock.now(), o.scheduled_at, deps.rules);
    if (!win.ok) throw new DomainError('CONFLICT', win.message);
    const { row, event } = await move(deps, trx, o, 'started', 'worker', workerId, {}, 'checked in on site');
    await savePhoto(trx, o.id, workerId, photo, deps.platform.clock.now());
    await publish(deps, trx, [event]);
    return toView(row);
  });
}

export async function complete(deps: OrdersDeps, workerId: string, orderId: string, photo: Photo) {
  return deps.db.transaction().execute(async (trx) => {
    const o = await lockOrder(trx, orderId);
    ownTask(o, workerId);
    const { row, event } = await move(deps, trx, o, 'completed', 'worker', workerId, {}, 'signed report uploaded');
    await savePhoto(trx, o.id, workerId, photo, deps.platform.clock.now());
    await publish(deps, trx, [event]);
    return toView(row);
  });
}

/** supplies.issued: matched → supplied. Anything else (canceled meanwhile, replay) changes nothing. */
export async function markSupplied(deps: OrdersDeps, trx: OrdersTrx, orderId: string, requestId: string) {
  const o = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).forUpdate().executeTakeFirst();
  if (!o || o.status !== 'matched') return;
  const { event } = await move(deps, trx, o, 'supplied', 'supplies', null, {}, `supply request ${requestId} issued`);
  await publish(deps, trx, [event]);
}

/** The durable no-show job: fails the order if the worker has not checked in by the deadline. */
export async function noShowCheck(deps: OrdersDeps, orderId: string): Promise<{ failed: boolean; notBefore?: Date }> {
  return deps.db.transaction().execute(async (trx) => {
    const o = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).forUpdate().executeTakeFirst();
    if (!o || (o.status !== 'matched' && o.status !== 'supplied')) return { failed: false };
    const deadline = noShowDeadline(o.scheduled_at, deps.rules);
    if (deps.platform.clock.now() < deadline) return { failed: false, notBefore: deadline };
    const { event } = await move(deps, trx, o, 'failed', 'system', null, { reason: 'no_show', no_show: true }, 'the worker did not check in');
    await publish(deps, trx, [event]);
    return { failed: true };
  });
}

/** A manager's judgement that an order failed (e.g. the worker left mid-job). */
export async function failByManager(deps: OrdersDeps, managerId: string, orderId: string, reason: string) {
  return deps.db.transaction().execute(async (trx) => {
    const o = await lockOrder(trx, orderId);
    const { row, event } = await move(deps, trx, o, 'failed', 'manager', managerId, { reason }, reason);
    await publish(deps, trx, [event]);
    return toView(row);
  });
}
