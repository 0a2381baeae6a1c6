// Collecting a client invoice or paying a worker's: what each provider answer means for the invoice.
// A provider call carries the invoice's idempotency key; the key changes only after a definite
// "declined" (nothing moved), never after an error or a timeout (money may have moved).
export type InvoiceStatus = 'pending' | 'sending' | 'retrying' | 'paid' | 'failed';

export type ProviderAnswer =
  | { kind: 'done'; ref: string }
  | { kind: 'declined'; reason: string }
  /** An error or a timeout: the transfer may or may not have happened. */
  | { kind: 'unknown'; reason: string };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Exponential back-off: base, 2×base, 4×base, … capped. */
export function retryDelayMs(attempt: number, p: RetryPolicy): number {
  const exp = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(p.baseDelayMs * 2 ** exp, p.maxDelayMs);
}

export type Decision =
  | { status: 'paid'; ref: string }
  | { status: 'failed'; outcome: 'declined' | 'unknown'; error: string }
  | { status: 'retrying'; error: string; delayMs: number };

/** After attempt number `attempt` (1-based) got `answer`. */
export function decide(answer: ProviderAnswer, attempt: number, p: RetryPolicy): Decision {
  if (answer.kind === 'done') return { status: 'paid', ref: answer.ref };
  if (answer.kind === 'declined') return { status: 'failed', outcome: 'declined', error: answer.reason };
  if (attempt >= p.maxAttempts) return { status: 'failed', outcome: 'unknown', error: `${answer.reason} (gave up after ${attempt} attempts)` };
  return { status: 'retrying', error: answer.reason, delayMs: retryDelayMs(attempt, p) };
}

/** The idempotency key of an invoice's transfer; `generation` grows only after a definite decline. */
export const idempotencyKey = (invoiceId: string, generation: number) => `mcf-inv-${invoiceId}-${generation}`;

/** Whether a manager's retry must use a fresh key: only when the provider definitely moved nothing. */
export const retryNeedsFreshKey = (lastOutcome: string | null) => lastOutcome === 'declined';
