// Supplies' reactions to the orders context's events (contract: docs/contracts.md).
import type { Reaction } from '@mcf/kernel';
import { ORDER_EVENTS_WATCHED } from '../orderSnapshot.ts';
import type { SuppliesService } from '../service.ts';

/** Matched → a request opens (or is re-addressed on a re-match); canceled / failed → it is withdrawn. */
export function orderReaction(svc: SuppliesService): Reaction {
  return { name: 'supplies.onOrder', on: ORDER_EVENTS_WATCHED, run: (trx, event) => svc.onOrderEvent(trx, event) };
}
