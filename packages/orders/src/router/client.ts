// The client's procedures: quote, create, own orders, cancel, rebook.
import { z } from 'zod';
import { clientProcedure, roleProcedure, DomainError } from '@mcf/kernel';
import type { OrdersDeps } from '../service/context.ts';
import { cancel, createOrder, rebook } from '../service/orders.ts';
import { clientOrders } from '../service/reads.ts';
import { id, isoDateTime, text } from './inputs.ts';

export function clientProcedures(deps: OrdersDeps) {
  return {
    quote: clientProcedure.input(z.object({ serviceTypeId: id })).query(async ({ input, ctx }) => {
      const type = await deps.db.selectFrom('service_type').select(['id', 'retired_at']).where('id', '=', input.serviceTypeId).executeTakeFirst();
      if (!type) throw new DomainError('BAD_REQUEST', 'serviceTypeId: no such service type');
      if (type.retired_at) throw new DomainError('CONFLICT', 'This service type is retired and takes no new orders');
      const q = await deps.pricing.quote({ clientId: ctx.account.accountId, serviceTypeId: type.id });
      return { approxPriceCents: q.priceCents, basePriceCents: q.basePriceCents, discountPercent: q.discountPercent };
    }),

    create: clientProcedure
      .input(z.object({ serviceTypeId: id, description: text(2000), scheduledAt: isoDateTime, place: text(300) }))
      .mutation(({ input, ctx }) => createOrder(deps, ctx.account.accountId, input)),

    mine: clientProcedure.query(({ ctx }) => clientOrders(deps.db, ctx.account.accountId)),

    cancel: roleProcedure('client', 'manager')
      .input(z.object({ orderId: id, reason: z.string().trim().max(500).optional() }))
      .mutation(({ input, ctx }) => cancel(deps, { accountId: ctx.account.accountId, role: ctx.account.role }, input.orderId, input.reason || null)),

    rebook: clientProcedure
      .input(z.object({ orderId: id, scheduledAt: isoDateTime }))
      .mutation(({ input, ctx }) => rebook(deps, ctx.account.accountId, input.orderId, input.scheduledAt)),
  };
}
