// Token buckets, as pure functions of (spec, state, now). A bucket holds at most `capacity` tokens and
// gains `refillPerSecond`; a request takes one. The stateful, bounded map of buckets is in admission.ts.
export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

export interface BucketState {
  tokens: number;
  /** Milliseconds; when `tokens` was last brought up to date. */
  at: number;
}

export function current(spec: BucketSpec, state: BucketState | undefined, nowMs: number): BucketState {
  if (!state) return { tokens: spec.capacity, at: nowMs };
  const elapsed = Math.max(0, nowMs - state.at) / 1000;
  return { tokens: Math.min(spec.capacity, state.tokens + elapsed * spec.refillPerSecond), at: Math.max(nowMs, state.at) };
}

export interface TakeResult {
  ok: boolean;
  state: BucketState;
  /** When refused: seconds until one token is there again. */
  retryAfterSeconds: number;
}

export function take(spec: BucketSpec, state: BucketState | undefined, nowMs: number, n = 1): TakeResult {
  const s = current(spec, state, nowMs);
  if (s.tokens >= n) return { ok: true, state: { tokens: s.tokens - n, at: s.at }, retryAfterSeconds: 0 };
  const missing = n - s.tokens;
  const wait = spec.refillPerSecond > 0 ? Math.ceil(missing / spec.refillPerSecond) : Infinity;
  return { ok: false, state: s, retryAfterSeconds: wait };
}

/** Whether a take would succeed now, without taking. */
export function wouldAllow(spec: BucketSpec, state: BucketState | undefined, nowMs: number, n = 1): boolean {
  return current(spec, state, nowMs).tokens >= n;
}
