// The worker roster: a new worker account joins the matching pool, and orders that were waiting
// because no worker existed at all are matched now.
import type { Reaction, Trx } from '@mcf/kernel';
import type { AccountCreatedIn } from '../events.ts';
import type { OrdersTrx } from '../db/store.ts';
import { matchInTransaction, waitingOrders } from '../service/matcher.ts';
import { publish, type OrdersDeps } from '../service/context.ts';

export const scoped = (trx: Trx) => trx.withSchema('orders') as unknown as OrdersTrx;

export async function matchWaiting(deps: OrdersDeps, trx: OrdersTrx) {
  const events = [];
  for (const id of await waitingOrders(trx, deps.platform.clock.now(), deps.rules)) events.push(await matchInTransaction(trx, id, { clock: deps.platform.clock, pricing: deps.pricing, rules: deps.rules }));
  await publish(deps, trx, events);
}

export function rosterReaction(deps: OrdersDeps): Reaction {
  return {
    name: 'orders.roster',
    on: ['accounts.accountCreated'],
    async run(raw, event) {
      const p = event.payload as AccountCreatedIn;
      if (p.role !== 'worker') return;
      const trx = scoped(raw);
      await trx.insertInto('worker').values({ id: p.accountId, name: p.name, registered_at: event.at }).onConflict((oc) => oc.column('id').doUpdateSet({ name: p.name })).execute();
      await matchWaiting(deps, trx);
    },
  };
}
