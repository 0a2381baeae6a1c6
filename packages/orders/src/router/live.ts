// Live updates: one order's status (its client, its worker, managers) and a worker's task feed.
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { authedProcedure, clientProcedure, live, workerProcedure, DomainError, type LiveView, type StoredEvent } from '@mcf/kernel';
import { ORDERS, type OrderSnapshot } from '../events.ts';
import type { OrdersDeps } from '../service/context.ts';
import { findOrder } from '../db/store.ts';
import { assertReadable } from '../service/orders.ts';
import { id, lastEventId } from './inputs.ts';

/** `{ orderId, status, workerId, priceCents, at }` (docs/api.md) plus the rest of the snapshot. */
export const statusOf = (e: StoredEvent) => ({ ...(e.payload as OrderSnapshot), type: e.type });
/** Order events as every live view shows them (supplies also writes to an order's channel). */
export const orderStatusView: LiveView<ReturnType<typeof statusOf>> = { accept: (e) => e.context === ORDERS, view: statusOf };

// A subscription's errors are raised while it is iterated, past the kernel's error mapping, so a
// refusal is turned into the API's code here.
async function refuseEarly(check: () => Promise<unknown>) {
  try {
    await check();
  } catch (e) {
    if (e instanceof DomainError) throw new TRPCError({ code: e.code, message: e.message });
    throw e;
  }
}

export function liveProcedures(deps: OrdersDeps) {
  return {
    onStatus: authedProcedure.input(z.object({ orderId: id, lastEventId })).subscription(async function* ({ input, ctx, signal }) {
      await refuseEarly(() => findOrder(deps.db, input.orderId).then((o) => assertReadable({ accountId: ctx.account.accountId, role: ctx.account.role }, o)));
      // Without lastEventId the order's whole (short) history is replayed, so the last item is the current status.
      const after = input.lastEventId ? Number(input.lastEventId) : 0;
      yield* live(deps.platform.hub, ctx.live, { channel: `order:${input.orderId}`, after, signal }, orderStatusView);
    }),

    feed: workerProcedure.input(z.object({ lastEventId }).optional()).subscription(async function* ({ input, ctx, signal }) {
      const after = input?.lastEventId ? Number(input.lastEventId) : null;
      yield* live(deps.platform.hub, ctx.live, { channel: `worker:${ctx.account.accountId}`, after, signal }, orderStatusView);
    }),

    // The client's dashboard: every event of the caller's orders (channel client:<id>), live only
    // unless resuming.
    onMine: clientProcedure.input(z.object({ lastEventId }).optional()).subscription(async function* ({ input, ctx, signal }) {
      const after = input?.lastEventId ? Number(input.lastEventId) : null;
      yield* live(deps.platform.hub, ctx.live, { channel: `client:${ctx.account.accountId}`, after, signal }, orderStatusView);
    }),

  };
}
