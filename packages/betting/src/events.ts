// Events the betting context publishes (a contract: docs/contracts.md). Managers only: `odds:<orderId>`.
import type { NewEvent, StoredEvent } from '@mcf/kernel';
import { oddsView } from './domain/odds.ts';
import type { OddsView, Stakes } from './domain/types.ts';

export const BETTING = 'betting';

export interface OddsChangedPayload extends OddsView {
  /** When the change happened (the bet's time, or when betting closed / the order was settled). */
  at: string;
}
/**
 * What the log keeps: the stakes after the change (odds are derived from them, once per event, when it
 * is shown). A bet writes this from inside its one SQL statement (tote.ts `placeBet`), so the shape is
 * also spelt out there.
 */
export interface OddsChangedStored {
  orderId: string;
  open: boolean;
  stakes: Stakes;
  at: string;
}
export type OddsChanged = NewEvent<'betting.oddsChanged', OddsChangedStored>;

export const ODDS_CHANGED = 'betting.oddsChanged';
export const oddsChannel = (orderId: string) => `odds:${orderId}`;

export const oddsChanged = (p: OddsChangedStored): OddsChanged => ({
  type: ODDS_CHANGED,
  channels: [oddsChannel(p.orderId)],
  payload: p,
});

/** The odds a watcher sees for a `betting.oddsChanged` event (events logged before stakes-only pass as they are). */
export function oddsOfEvent(e: Pick<StoredEvent, 'payload'>): OddsChangedPayload {
  const p = e.payload as OddsChangedStored | OddsChangedPayload;
  if (!('stakes' in p)) return p;
  return { ...oddsView(p.orderId, p.open, p.stakes), at: p.at };
}

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
