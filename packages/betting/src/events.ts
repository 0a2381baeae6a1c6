// Events the betting context publishes (a contract: docs/contracts.md). Managers only: `odds:<orderId>`.
import type { NewEvent } from '@mcf/kernel';
import type { OddsView } from './domain/types.ts';

export const BETTING = 'betting';

export interface OddsChangedPayload extends OddsView {
  /** When the change happened (the bet's time, or when betting closed / the order was settled). */
  at: string;
}
export type OddsChanged = NewEvent<'betting.oddsChanged', OddsChangedPayload>;

export const oddsChannel = (orderId: string) => `odds:${orderId}`;

export const oddsChanged = (p: OddsChangedPayload): OddsChanged => ({
  type: 'betting.oddsChanged',
  channels: [oddsChannel(p.orderId)],
  payload: p,
});

/** The orders events betting listens to (payload: the orders context's OrderSnapshot). */
export const ORDER_EVENT_TYPES = [
  'orders.created',
  'orders.matched',
  'orders.supplied',
  'orders.started',
  'orders.completed',
  'orders.canceled',
  'orders.failed',
] as const;

/** The part of orders' OrderSnapshot (docs/contracts.md) betting relies on. */
export interface OrderSnapshotLike {
  orderId: string;
  status: string;
  serviceTypeName?: string;
  scheduledAt?: string;
  place?: string;
  description?: string;
  at?: string;
}
