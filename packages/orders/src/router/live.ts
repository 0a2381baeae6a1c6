// Live updates: one order's status (its client, its worker, managers) and a worker's task feed.
import { z } from 'zod';
import { authedProcedure, tracked, workerProcedure, type StoredEvent } from '@mcf/kernel';
import { ORDERS, type OrderSnapshot } from '../events.ts';
import type { OrdersDeps } from '../service/context.ts';
import { findOrder } from '../db/store.ts';
import { assertReadable } from '../service/orders.ts';
import { id, lastEventId } from './inputs.ts';

/** `{ orderId, status, workerId, priceCents, at }` (docs/api.md) plus the rest of the snapshot. */
const statusOf = (e: StoredEvent) => ({ ...(e.payload as OrderSnapshot), type: e.type });

export function liveProcedures(deps: OrdersDeps) {
  return {
    onStatus: authedProcedure.input(z.object({ orderId: id, lastEventId })).subscription(async function* ({ input, ctx, signal }) {
      assertReadable({ accountId: ctx.account.accountId, role: ctx.account.role }, await findOrder(deps.db, input.orderId));
      // Without lastEventId the order's whole (short) history is replayed, so the last item is the current status.
      const after = input.lastEventId ? Number(input.lastEventId) : 0;
      for await (const e of deps.platform.hub.subscribe({ channel: `order:${input.orderId}`, after, signal })) {
        if (e.context !== ORDERS) continue; // supplies also writes to the order channel
        yield tracked(String(e.id), statusOf(e));
      }
    }),

    feed: workerProcedure.input(z.object({ lastEventId }).optional()).subscription(async function* ({ input, ctx, signal }) {
      const after = input?.lastEventId ? Number(input.lastEventId) : null;
      for await (const e of deps.platform.hub.subscribe({ channel: `worker:${ctx.account.accountId}`, after, signal })) {
        if (e.context !== ORDERS) continue;
        yield tracked(String(e.id), statusOf(e));
      }
    }),
  };
}
