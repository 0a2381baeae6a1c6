// The orders context's event payload as docs/contracts.md fixes it. Supplies reads only these fields
// from the events; it never reads the orders schema.
export interface OrderSnapshot {
  orderId: string;
  clientId: string;
  workerId: string | null;
  serviceTypeId: string;
  serviceTypeName: string;
  status: 'created' | 'matched' | 'supplied' | 'started' | 'completed' | 'canceled' | 'failed';
  priceCents: number | null;
  scheduledAt: string;
  place: string;
  description: string;
  copyOf: string | null;
  reason: string | null;
  noShow: boolean;
  previousWorkerId: string | null;
  at: string;
}

/** The order events supplies reacts to. */
export const ORDER_EVENTS_WATCHED = ['orders.matched', 'orders.canceled', 'orders.failed'] as const;
