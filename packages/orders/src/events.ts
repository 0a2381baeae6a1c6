// Events the orders context publishes. Every payload is an OrderSnapshot (docs/contracts.md).
import type { NewEvent } from '@mcf/kernel';

export const ORDERS = 'orders';

export const ORDER_STATUSES = ['created', 'matched', 'supplied', 'started', 'completed', 'canceled', 'failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderSnapshot {
  orderId: string;
  clientId: string;
  workerId: string | null;
  serviceTypeId: string;
  serviceTypeName: string;
  status: OrderStatus;
  /** Set from `matched` on. */
  priceCents: number | null;
  scheduledAt: string;
  place: string;
  description: string;
  /** The failed order this one rebooks. */
  copyOf: string | null;
  /** Cancel reason; for failed: 'no_show' | … */
  reason: string | null;
  /** Failed because the worker never checked in. */
  noShow: boolean;
  /** On a re-match: the worker it had before. */
  previousWorkerId: string | null;
  /** When the transition happened. */
  at: string;
}

export type OrderEventType = `orders.${OrderStatus}`;
export type OrderEvent = NewEvent<OrderEventType, OrderSnapshot>;

/** Channels: the order, its client, its worker (and a previous worker on a re-match), and all managers. */
export function orderEvent(s: OrderSnapshot): OrderEvent {
  const channels = [`order:${s.orderId}`, `client:${s.clientId}`, ORDERS];
  if (s.workerId) channels.push(`worker:${s.workerId}`);
  if (s.previousWorkerId && s.previousWorkerId !== s.workerId) channels.push(`worker:${s.previousWorkerId}`);
  return { type: `orders.${s.status}`, channels, payload: s };
}

// Events of other contexts that orders listens to (their payloads as docs/contracts.md states them).
export interface AccountCreatedIn {
  accountId: string;
  role: string;
  name: string;
  email: string;
}
export interface CandidateAcceptedIn {
  applicationId: string;
  workerId: string;
  name: string;
  traits: Record<string, number>;
}
export interface ReviewSubmittedIn {
  reviewId: string;
  orderId: string;
  workerId: string | null;
  reason: string;
  verdict: 'worker_fault' | 'no_fault' | 'client_fault' | 'unclear';
  findings: unknown;
  hypotheses: string[];
}
export interface SuppliesIssuedIn {
  requestId: string;
  orderId: string;
  workerId: string;
  cookie: string;
  state: string;
}
