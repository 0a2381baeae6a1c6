// Managers: every order with filters, one order's full history, why a worker was chosen, the
// worker roster with its facts, the matching pipeline's configuration.
import { z } from 'zod';
import { live, managerProcedure, router, DomainError } from '@mcf/kernel';
import { ORDER_STATUSES, ORDERS } from '../events.ts';
import { orderStatusView } from './live.ts';
import { describeStepKinds } from '../matching/index.ts';
import type { OrdersDeps } from '../service/context.ts';
import { explainMatch, history, listOrders } from '../service/reads.ts';
import { getPipeline, pipelineVersions, setPipeline } from '../service/pipeline.ts';
import { workerFacts } from '../service/matcher.ts';
import { failByManager } from '../service/work.ts';
import { rematch } from '../service/rematch.ts';
import { id, isoDateTime, lastEventId, text } from './inputs.ts';

export function adminRouter(deps: OrdersDeps) {
  return router({
    list: managerProcedure
      .input(
        z
          .object({
            status: z.array(z.enum(ORDER_STATUSES)).optional(),
            clientId: id.optional(),
            workerId: id.optional(),
            serviceTypeId: id.optional(),
            from: isoDateTime.optional(),
            to: isoDateTime.optional(),
            limit: z.number().int().min(1).max(500).default(100),
            offset: z.number().int().min(0).default(0),
          })
          .optional(),
      )
      .query(({ input }) => listOrders(deps.db, input ?? { limit: 100, offset: 0 })),

    history: managerProcedure.input(z.object({ orderId: id })).query(async ({ input }) => {
      const h = await history(deps.db, input.orderId);
      if (!h) throw new DomainError('NOT_FOUND', 'Order not found');
      return h;
    }),

    explain: managerProcedure.input(z.object({ orderId: id })).query(({ input }) => explainMatch(deps.db, input.orderId)),

    fail: managerProcedure.input(z.object({ orderId: id, reason: text(500) })).mutation(({ input, ctx }) => failByManager(deps, ctx.account.accountId, input.orderId, input.reason)),

    rematch: managerProcedure
      .input(z.object({ orderId: id, reason: z.string().trim().max(500).optional() }))
      .mutation(({ input, ctx }) => rematch(deps, ctx.account.accountId, input.orderId, input.reason || null)),

    workers: managerProcedure.query(async () => {
      const now = deps.platform.clock.now();
      const facts = await workerFacts(deps.db, { id: '00000000-0000-0000-0000-000000000000', scheduled_at: now, ends_at: now });
      const names = new Map((await deps.db.selectFrom('worker').select(['id', 'name']).execute()).map((w) => [w.id, w.name]));
      return facts.map((f) => ({ ...f, name: names.get(f.workerId) ?? '' })).sort((a, b) => a.name.localeCompare(b.name));
    }),

    // Every order event (channel `orders`), for the live list of all orders.
    onOrders: managerProcedure.input(z.object({ lastEventId }).optional()).subscription(async function* ({ input, ctx, signal }) {
      const after = input?.lastEventId ? Number(input.lastEventId) : null;
      yield* live(deps.platform.hub, ctx.live, { channel: ORDERS, after, signal }, orderStatusView);
    }),

    pipeline: router({
      get: managerProcedure.query(() => getPipeline(deps.db)),
      versions: managerProcedure.query(() => pipelineVersions(deps.db)),
      stepKinds: managerProcedure.query(() => describeStepKinds()),
      // The config is validated against the step kinds in the service (field-named BAD_REQUEST).
      set: managerProcedure
        .input(z.object({ config: z.unknown(), note: z.string().trim().max(500).optional(), basedOnVersion: z.number().int().optional() }))
        .mutation(({ input, ctx }) => setPipeline(deps.db, input.config, input.note || null, ctx.account.accountId, input.basedOnVersion)),
    }),
  });
}
