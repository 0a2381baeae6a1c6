// The worker's procedures: its tasks, check-in on site, completion with the signed report.
import { z } from 'zod';
import { workerProcedure } from '@mcf/kernel';
import type { OrdersDeps } from '../service/context.ts';
import { workerTasks } from '../service/reads.ts';
import { checkIn, complete } from '../service/work.ts';
import { decodePhoto, id, photo } from './inputs.ts';

export function workerProcedures(deps: OrdersDeps) {
  return {
    tasks: workerProcedure
      .input(z.object({ state: z.enum(['active', 'completed', 'canceled', 'failed']).optional() }).optional())
      .query(({ input, ctx }) => workerTasks(deps.db, ctx.account.accountId, input?.state)),

    checkIn: workerProcedure
      .input(z.object({ orderId: id, photo }))
      .mutation(({ input, ctx }) => checkIn(deps, ctx.account.accountId, input.orderId, decodePhoto('photo', 'check_in', input.photo))),

    complete: workerProcedure
      .input(z.object({ orderId: id, reportPhoto: photo }))
      .mutation(({ input, ctx }) => complete(deps, ctx.account.accountId, input.orderId, decodePhoto('reportPhoto', 'report', input.reportPhoto))),
  };
}
