// Reads open to whoever may see the order: its client, its worker, managers.
import { z } from 'zod';
import { authedProcedure, DomainError } from '@mcf/kernel';
import type { OrdersDeps } from '../service/context.ts';
import { findOrder } from '../db/store.ts';
import { assertReadable } from '../service/orders.ts';
import { getOrder, photo } from '../service/reads.ts';
import { id } from './inputs.ts';

export function readProcedures(deps: OrdersDeps) {
  return {
    get: authedProcedure.input(z.object({ id })).query(({ input, ctx }) => getOrder(deps.db, { accountId: ctx.account.accountId, role: ctx.account.role }, input.id)),

    photo: authedProcedure.input(z.object({ orderId: id, kind: z.enum(['check_in', 'report']) })).query(async ({ input, ctx }) => {
      assertReadable({ accountId: ctx.account.accountId, role: ctx.account.role }, await findOrder(deps.db, input.orderId));
      const p = await photo(deps.db, input.orderId, input.kind);
      if (!p) throw new DomainError('NOT_FOUND', 'No such photo for this order yet');
      return { mimeType: p.mimeType, dataBase64: p.data.toString('base64'), sizeBytes: p.sizeBytes, at: p.at.toISOString() };
    }),
  };
}
