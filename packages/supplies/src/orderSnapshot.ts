// Supplies reads only the orders context's event payloads (docs/contracts.md); it never reads the orders schema.
export type { OrderSnapshot } from '@mcf/orders';

/** The order events supplies reacts to. */
export const ORDER_EVENTS_WATCHED = ['orders.matched', 'orders.canceled', 'orders.failed'] as const;
