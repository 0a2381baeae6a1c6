// Events the quality context publishes, and the shapes of the events it reads (docs/contracts.md).
import type { NewEvent } from '@mcf/kernel';
import type { ReviewReason, Verdict } from './domain/review.ts';
import type { OrderStatus } from './domain/stats.ts';

export const QUALITY = 'quality';

export interface ReviewSubmittedPayload {
  reviewId: string;
  orderId: string;
  workerId: string | null;
  reason: ReviewReason;
  verdict: Verdict;
  findings: string;
  /** The texts of every hypothesis the review supports. */
  hypotheses: string[];
}
export type ReviewSubmitted = NewEvent<'quality.reviewSubmitted', ReviewSubmittedPayload>;

export const reviewSubmitted = (p: ReviewSubmittedPayload): ReviewSubmitted => ({
  type: 'quality.reviewSubmitted',
  channels: [QUALITY],
  payload: p,
});

/** A review entered the queue (by itself for failed/canceled orders, or drawn): managers' live queue. */
export interface ReviewQueuedPayload {
  reviewId: string;
  orderId: string;
  reason: ReviewReason;
}
export type ReviewQueued = NewEvent<'quality.reviewQueued', ReviewQueuedPayload>;

export const reviewQueued = (p: ReviewQueuedPayload): ReviewQueued => ({
  type: 'quality.reviewQueued',
  channels: [QUALITY],
  payload: p,
});

/** Orders' event payload, as the orders context publishes it (docs/contracts.md). */
export type { OrderSnapshot } from '@mcf/orders';

export const ORDER_EVENT_TYPES = [
  'orders.created',
  'orders.matched',
  'orders.supplied',
  'orders.started',
  'orders.completed',
  'orders.canceled',
  'orders.failed',
] as const;

export interface SupplyPayload {
  requestId: string;
  orderId: string;
  workerId: string | null;
  cookie: string | null;
  state: string | null;
}

export const SUPPLY_EVENT_TYPES = ['supplies.requestOpened', 'supplies.cookieArrived', 'supplies.issued', 'supplies.withdrawn'] as const;
