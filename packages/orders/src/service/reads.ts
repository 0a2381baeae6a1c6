// Read models: one order, a client's orders, a worker's tasks, the managers' filtered list, history.
import { DomainError } from '@mcf/kernel';
import type { OrderStatus } from '../events.ts';
import { ACTIVE_STATUSES } from '../domain/lifecycle.ts';
import { findOrder, toSnapshot, toView, type OrdersDb } from '../db/store.ts';
import type { PairingExplanation } from '../matching/index.ts';
import { assertReadable, type Viewer } from './orders.ts';

export async function getOrder(db: OrdersDb, v: Viewer, id: string) {
  return toView(assertReadable(v, await findOrder(db, id)));
}

export async function clientOrders(db: OrdersDb, clientId: string) {
  const rows = await db.selectFrom('orders').selectAll().where('client_id', '=', clientId).orderBy('created_at', 'desc').limit(500).execute();
  return rows.map(toView);
}

export type TaskState = 'active' | 'completed' | 'canceled' | 'failed';

export async function workerTasks(db: OrdersDb, workerId: string, state?: TaskState) {
  let q = db.selectFrom('orders').selectAll().where('worker_id', '=', workerId);
  if (state === 'active') q = q.where('status', 'in', ACTIVE_STATUSES as OrderStatus[]);
  else if (state) q = q.where('status', '=', state);
  const rows = await q.orderBy('scheduled_at', state === 'active' ? 'asc' : 'desc').limit(500).execute();
  return rows.map(toView);
}

export interface OrderFilter {
  status?: OrderStatus[];
  clientId?: string;
  workerId?: string;
  serviceTypeId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function listOrders(db: OrdersDb, f: OrderFilter) {
  let q = db.selectFrom('orders');
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.clientId) q = q.where('client_id', '=', f.clientId);
  if (f.workerId) q = q.where('worker_id', '=', f.workerId);
  if (f.serviceTypeId) q = q.where('service_type_id', '=', f.serviceTypeId);
  if (f.from) q = q.where('scheduled_at', '>=', f.from);
  if (f.to) q = q.where('scheduled_at', '<', f.to);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { orders: rows.map(toView), total: Number(total.n) };
}

export async function history(db: OrdersDb, orderId: string) {
  const o = await findOrder(db, orderId);
  if (!o) return null;
  const [timeline, photos, matches] = await Promise.all([
    db.selectFrom('order_transition').selectAll().where('order_id', '=', orderId).orderBy('id').execute(),
    db.selectFrom('order_photo').select(['kind', 'mime_type', 'size_bytes', 'uploaded_by', 'at']).where('order_id', '=', orderId).orderBy('at').execute(),
    db.selectFrom('order_match').select(['worker_id', 'pipeline_version', 'fallback', 'at']).where('order_id', '=', orderId).orderBy('id').execute(),
  ]);
  return {
    order: toSnapshot(o, o.updated_at),
    timeline: timeline.map((t) => ({ from: t.from_status, to: t.to_status, at: t.at.toISOString(), actor: t.actor, actorId: t.actor_id, note: t.note })),
    photos: photos.map((p) => ({ kind: p.kind, mimeType: p.mime_type, sizeBytes: p.size_bytes, uploadedBy: p.uploaded_by, at: p.at.toISOString() })),
    matches: matches.map((m) => ({ workerId: m.worker_id, pipelineVersion: m.pipeline_version, fallback: m.fallback, at: m.at.toISOString() })),
  };
}

/** Why this worker: the recorded pipeline version and every step's scores, as stored at match time. */
export async function explainMatch(db: OrdersDb, orderId: string) {
  const rows = await db.selectFrom('order_match').selectAll().where('order_id', '=', orderId).orderBy('id', 'desc').execute();
  if (rows.length === 0) {
    if (!(await findOrder(db, orderId))) throw new DomainError('NOT_FOUND', 'Order not found');
    return { orderId, matches: [] };
  }
  return {
    orderId,
    matches: rows.map((m) => ({ workerId: m.worker_id, pipelineVersion: m.pipeline_version, fallback: m.fallback, at: m.at.toISOString(), explanation: m.explanation as PairingExplanation })),
  };
}

export async function photo(db: OrdersDb, orderId: string, kind: 'check_in' | 'report') {
  const p = await db.selectFrom('order_photo').select(['mime_type', 'data', 'at', 'size_bytes']).where('order_id', '=', orderId).where('kind', '=', kind).executeTakeFirst();
  return p ? { mimeType: p.mime_type, data: p.data, sizeBytes: p.size_bytes, at: p.at } : null;
}
