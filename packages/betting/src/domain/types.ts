// The tote's vocabulary: outcomes of an order, pools and odds. Plain data, no I/O.
import type { Cents } from '@mcf/kernel';

export const OUTCOMES = ['completed', 'canceled', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type OrderStatus = 'created' | 'matched' | 'supplied' | 'started' | 'completed' | 'canceled' | 'failed';
export const OPEN_STATUSES: readonly OrderStatus[] = ['created', 'matched', 'supplied'];
export const isOpenStatus = (s: OrderStatus) => OPEN_STATUSES.includes(s);
export const isOutcome = (s: string): s is Outcome => (OUTCOMES as readonly string[]).includes(s);

/** How far along an order is; the projection only ever moves forward. */
export const STATUS_RANK: Record<OrderStatus, number> = { created: 0, matched: 1, supplied: 2, started: 3, completed: 4, canceled: 4, failed: 4 };

export type Stakes = Record<Outcome, Cents>;

export interface OutcomeOdds {
  stakeCents: Cents;
  /** Decimal (pari-mutuel) odds: pool / stake on this outcome; null when nobody backed it. */
  odds: number | null;
}

export interface OddsView {
  orderId: string;
  open: boolean;
  poolCents: Cents;
  outcomes: Record<Outcome, OutcomeOdds>;
}
