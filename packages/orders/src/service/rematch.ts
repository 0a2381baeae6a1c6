// A re-match: a manager takes a matched order (supplies not yet issued) from its worker and the
// pipeline picks another. The `orders.matched` event carries `previousWorkerId`, so the previous
// worker's feed learns it lost the task and supplies readdress the request (docs/contracts.md).
import { DomainError } from '@mcf/kernel';
import { orderEvent } from '../events.ts';
import { canTransition, explainRefusal } from '../domain/lifecycle.ts';
import { lockOrder, toSnapshot, toView } from '../db/store.ts';
import { activePipeline, chooseWorker, takeMatchingTurn } from './matcher.ts';
import { publish, type OrdersDeps } from './context.ts';

export async function rematch(deps: OrdersDeps, managerId: string, orderId: string, reason: string | null) {
  return deps.db.transaction().execute(async (trx) => {
    await takeMatchingTurn(trx);
    const o = await lockOrder(trx, orderId);
    if (!canTransition(o.status, 'matched', 'manager')) {
      throw new DomainError('CONFLICT', o.status === 'supplied' ? 'Supplies were already issued to this worker; cancel or fail the order instead' : explainRefusal(o.status, 'matched'));
    }
    const previous = o.worker_id!;
    const pipeline = await activePipeline(trx);
    const result = await chooseWorker(trx, o, [previous], pipeline);
    if (!result || result.workerId === previous) throw new DomainError('CONFLICT', 'There is no other worker to give this order to');
    const now = deps.platform.clock.now();
    const row = await trx
      .updateTable('orders')
      .set({ worker_id: result.workerId, previous_worker_id: previous, updated_at: now })
      .where('id', '=', o.id)
      .where('status', '=', 'matched')
      .where('worker_id', '=', previous)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('order_match').values({ order_id: o.id, worker_id: result.workerId, pipeline_version: pipeline.version, fallback: result.explanation.fallback, explanation: JSON.stringify(result.explanation), at: now }).execute();
    await trx.insertInto('order_transition').values({ order_id: o.id, from_status: 'matched', to_status: 'matched', at: now, actor: 'manager', actor_id: managerId, note: `re-matched from ${previous}${reason ? `: ${reason}` : ''}` }).execute();
    // The no-show job stays as it is: it is keyed by the order and checks whoever holds it then.
    await publish(deps, trx, [orderEvent(toSnapshot(row, now))]);
    return toView(row);
  });
}
