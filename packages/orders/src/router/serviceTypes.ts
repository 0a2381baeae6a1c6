import { z } from 'zod';
import { authedProcedure, managerProcedure, router } from '@mcf/kernel';
import type { OrdersDeps } from '../service/context.ts';
import { createType, listTypes, retireType, updateType } from '../service/serviceTypes.ts';
import { id, text } from './inputs.ts';

const minutes = z.number().int().min(5).max(24 * 60);

export function serviceTypesRouter(deps: OrdersDeps) {
  return router({
    create: managerProcedure
      .input(z.object({ name: text(80), description: text(2000), durationMinutes: minutes.optional() }))
      .mutation(({ input }) => createType(deps.db, input)),
    update: managerProcedure
      .input(z.object({ id, name: text(80).optional(), description: text(2000).optional(), durationMinutes: minutes.optional() }))
      .mutation(({ input }) => updateType(deps.db, input)),
    retire: managerProcedure.input(z.object({ id })).mutation(({ input }) => retireType(deps.db, input.id, deps.platform.clock.now())),
    // Everyone signed in sees the live types; managers may also ask for retired ones (the admin list).
    list: authedProcedure
      .input(z.object({ includeRetired: z.boolean().optional() }).optional())
      .query(({ input, ctx }) => listTypes(deps.db, Boolean(input?.includeRetired) && ctx.account.role === 'manager')),
  });
}
