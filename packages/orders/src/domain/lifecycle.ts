// The order lifecycle as data: which transitions exist and who may cause them. Everything else
// (the API, the jobs, the reactions) asks `canTransition` and never hard-codes a status check.
import type { OrderStatus } from '../events.ts';

export type Actor = 'system' | 'client' | 'worker' | 'manager' | 'supplies';

export interface Transition {
  from: OrderStatus;
  to: OrderStatus;
  by: readonly Actor[];
}

export const TRANSITIONS: readonly Transition[] = [
  { from: 'created', to: 'matched', by: ['system'] },
  // A re-match: a manager takes the order from its worker before supplies are issued.
  { from: 'matched', to: 'matched', by: ['manager'] },
  { from: 'matched', to: 'supplied', by: ['supplies'] },
  { from: 'supplied', to: 'started', by: ['worker'] },
  { from: 'started', to: 'completed', by: ['worker'] },
  // A no-show (system) or a manager's judgement; a started order fails only by a manager.
  { from: 'matched', to: 'failed', by: ['system', 'manager'] },
  { from: 'supplied', to: 'failed', by: ['system', 'manager'] },
  { from: 'started', to: 'failed', by: ['manager'] },
  // The client may cancel until the worker has started.
  { from: 'created', to: 'canceled', by: ['client', 'manager'] },
  { from: 'matched', to: 'canceled', by: ['client', 'manager'] },
  { from: 'supplied', to: 'canceled', by: ['client', 'manager'] },
];

export const ACTIVE_STATUSES: readonly OrderStatus[] = ['matched', 'supplied', 'started'];
export const FINAL_STATUSES: readonly OrderStatus[] = ['completed', 'canceled', 'failed'];

export function canTransition(from: OrderStatus, to: OrderStatus, by: Actor): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(by));
}

/** The statuses an order may be in for `to` to be reached by `by` (used in conditional updates). */
export function sourcesOf(to: OrderStatus, by: Actor): OrderStatus[] {
  return TRANSITIONS.filter((t) => t.to === to && t.by.includes(by)).map((t) => t.from);
}

export function explainRefusal(from: OrderStatus, to: OrderStatus): string {
  if (FINAL_STATUSES.includes(from)) return `The order is already ${from}`;
  const verbs: Partial<Record<OrderStatus, string>> = {
    started: 'be started',
    completed: 'be completed',
    canceled: 'be canceled',
    failed: 'be failed',
    supplied: 'be marked supplied',
    matched: 'be matched',
  };
  return `An order that is ${from} cannot ${verbs[to] ?? `become ${to}`}`;
}
