// What a review is and the rules of its form.
export const REVIEW_REASONS = ['failed', 'canceled', 'random'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const VERDICTS = ['worker_fault', 'no_fault', 'client_fault', 'unclear'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type ReviewStatus = 'open' | 'submitted';

/** Which final order status puts an order into the queue by itself, and why. */
export function queueReasonFor(status: string): ReviewReason | null {
  return status === 'failed' ? 'failed' : status === 'canceled' ? 'canceled' : null;
}

/** A date-range bound given as YYYY-MM-DD or a full ISO time; a bare `to` date includes that whole day. */
export function parseBound(value: string | undefined, edge: 'from' | 'to'): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    return edge === 'to' ? new Date(d.getTime() + 86_400_000) : d;
  }
  return new Date(value);
}
