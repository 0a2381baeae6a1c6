// Betting's reaction to the orders context's events: keep the projection, close and settle the pools.
import type { Reaction } from '@mcf/kernel';
import { ORDER_EVENT_TYPES } from '../events.ts';
import type { Tote } from '../tote.ts';

export const ORDERS_REACTION = 'betting.orders';

export function ordersReaction(tote: Tote): Reaction {
  return { name: ORDERS_REACTION, on: ORDER_EVENT_TYPES, run: (trx, event) => tote.onOrderEvent(trx, event) };
}
