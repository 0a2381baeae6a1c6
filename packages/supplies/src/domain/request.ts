// Supply requests as plain data and the rules over them. No I/O.
export type RequestState = 'open' | 'issued' | 'withdrawn';
export type CookieState = 'pending' | 'arrived' | 'failed';

export interface SupplyRequest {
  id: string;
  orderId: string;
  workerId: string;
  workerName: string;
  clientId: string;
  clientName: string;
  serviceTypeName: string;
  scheduledAt: Date;
  place: string;
  description: string;
  state: RequestState;
  cookie: CookieState;
  /** Why the cookie is not here yet, or why it failed; null when nothing to say. */
  cookieReason: string | null;
  /** When the bakery promised the cookie (null until it accepted the order). */
  cookieDueAt: Date | null;
  cookieArrivedAt: Date | null;
  fortune: string | null;
  issuedAt: Date | null;
  issuedBy: string | null;
  withdrawnReason: string | null;
  /** Bumped on every change; live views keep the highest. */
  version: number;
  createdAt: Date;
}

export const hhmm = (d: Date) => d.toISOString().slice(11, 16) + ' UTC';

/** What the set still lacks before it can be issued (the acceptance form is always printable). */
export function missing(r: Pick<SupplyRequest, 'state' | 'cookie'>): string[] {
  if (r.state !== 'open') return [];
  return r.cookie === 'arrived' ? [] : ['fortune cookie'];
}

/** Why "Issued" cannot be pressed now, in words a clerk understands; null when it can. */
export function waitingFor(r: Pick<SupplyRequest, 'state' | 'cookie' | 'cookieReason' | 'cookieDueAt' | 'withdrawnReason'>, now: Date): string | null {
  if (r.state === 'withdrawn') return `The request was withdrawn: ${r.withdrawnReason ?? 'the order ended'}`;
  if (r.state === 'issued') return null;
  if (r.cookie === 'arrived') return null;
  if (r.cookie === 'failed') return `The fortune cookie failed: ${r.cookieReason ?? 'the bakery could not make it'}. Retry the bakery order first`;
  if (r.cookieReason) return `Waiting for the fortune cookie: ${r.cookieReason}`;
  if (!r.cookieDueAt) return 'Waiting for the fortune cookie: the order to the bakery is being placed';
  const late = now.getTime() > r.cookieDueAt.getTime();
  return late
    ? `Waiting for the fortune cookie: the bakery is late (it was due at ${hhmm(r.cookieDueAt)})`
    : `Waiting for the fortune cookie: it is due at ${hhmm(r.cookieDueAt)}`;
}

export type IssueDecision = { kind: 'issue' } | { kind: 'already'; } | { kind: 'refuse'; reason: string };

/** Issuing is idempotent: an issued request stays issued and a repeat changes nothing. */
export function decideIssue(r: SupplyRequest, now: Date): IssueDecision {
  if (r.state === 'issued') return { kind: 'already' };
  const reason = waitingFor(r, now);
  if (reason) return { kind: 'refuse', reason: `Cannot issue yet. ${reason}` };
  return { kind: 'issue' };
}

export type OrderChange =
  | { kind: 'open' }
  | { kind: 'readdress'; previousWorkerId: string; reopen: boolean }
  | { kind: 'withdraw'; reason: string }
  | { kind: 'none' };

/**
 * What an order event means for the order's request. `existing` is null when supplies has not
 * seen the order yet. Stale events (older than the last one applied) were filtered out before.
 */
export function decideOnOrderEvent(
  existing: Pick<SupplyRequest, 'state' | 'workerId'> | null,
  type: string,
  snapshot: { workerId: string | null; reason: string | null; noShow: boolean },
): OrderChange {
  if (type === 'orders.matched') {
    if (!snapshot.workerId) return { kind: 'none' };
    if (!existing) return { kind: 'open' };
    if (existing.state === 'withdrawn') return { kind: 'none' };
    if (existing.workerId !== snapshot.workerId) return { kind: 'readdress', previousWorkerId: existing.workerId, reopen: existing.state === 'issued' };
    return { kind: 'none' };
  }
  if (type === 'orders.canceled' || type === 'orders.failed') {
    if (existing?.state === 'withdrawn') return { kind: 'none' };
    const why = type === 'orders.canceled' ? `the order was canceled${snapshot.reason ? ` (${snapshot.reason})` : ''}` : snapshot.noShow ? 'the order failed (no-show)' : `the order failed${snapshot.reason ? ` (${snapshot.reason})` : ''}`;
    return { kind: 'withdraw', reason: why };
  }
  return { kind: 'none' };
}
