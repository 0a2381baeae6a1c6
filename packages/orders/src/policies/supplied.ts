// Supplies issued the set for an order: the order moves matched → supplied.
import type { Reaction } from '@mcf/kernel';
import type { SuppliesIssuedIn } from '../events.ts';
import { markSupplied } from '../service/work.ts';
import type { OrdersDeps } from '../service/context.ts';
import { scoped } from './roster.ts';

export function suppliedReaction(deps: OrdersDeps): Reaction {
  return {
    name: 'orders.supplied',
    on: ['supplies.issued'],
    async run(raw, event) {
      const p = event.payload as SuppliesIssuedIn;
      if (!p?.orderId) return;
      await markSupplied(deps, scoped(raw), p.orderId, String(p.requestId ?? ''));
    },
  };
}
