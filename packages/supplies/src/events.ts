// Events the supplies context publishes (a contract: docs/contracts.md). Every payload carries the
// request's whole public view, so a live screen can simply replace its row.
import type { NewEvent } from '@mcf/kernel';
import type { CookieState, RequestState } from './domain/request.ts';

export const SUPPLIES = 'supplies';

export type SuppliesEventType =
  | 'supplies.requestOpened'
  | 'supplies.cookieOrdered'
  | 'supplies.cookieArrived'
  | 'supplies.cookieFailed'
  | 'supplies.cookieDelayed'
  | 'supplies.issued'
  | 'supplies.withdrawn'
  | 'supplies.readdressed';

export interface SupplyRequestView {
  id: string;
  /** Same as id; the contract's name for it in event payloads. */
  requestId: string;
  orderId: string;
  workerId: string;
  workerName: string;
  clientName: string;
  serviceTypeName: string;
  scheduledAt: string;
  place: string;
  state: RequestState;
  cookie: CookieState;
  cookieReason: string | null;
  cookieDueAt: string | null;
  cookieArrivedAt: string | null;
  /** True while the cookie is pending past the time the bakery promised. */
  cookieLate: boolean;
  /** What the set still lacks. */
  missing: string[];
  /** Why "Issued" cannot be pressed now; null when it can (or it is done). */
  waitingFor: string | null;
  issuedAt: string | null;
  issuedBy: string | null;
  withdrawnReason: string | null;
  version: number;
}

export interface SuppliesEventPayload extends SupplyRequestView {
  /** On `supplies.readdressed`: the worker the request was taken from. */
  previousWorkerId?: string | null;
}

export type SuppliesEvent = NewEvent<SuppliesEventType, SuppliesEventPayload>;

export function suppliesEvent(type: SuppliesEventType, view: SupplyRequestView, previousWorkerId?: string): SuppliesEvent {
  const channels = ['clerks', `worker:${view.workerId}`, `order:${view.orderId}`];
  if (previousWorkerId && previousWorkerId !== view.workerId) channels.push(`worker:${previousWorkerId}`);
  return { type, channels, payload: previousWorkerId ? { ...view, previousWorkerId } : view };
}
