// The cookie bakery is an outside contractor. Supplies talks to it through this interface; the local
// simulator stands in for it by default and in tests.
import { createHash } from 'node:crypto';
import type { Clock } from '@mcf/kernel';

export interface CookieOrder {
  /** The same key always means the same cookie: a retried call never bakes a second one. */
  idempotencyKey: string;
  orderId: string;
  client: { name: string; email: string };
  text: string;
}

export interface CookieAccepted {
  bakeryOrderId: string;
  /** When the bakery promises the cookie at the warehouse. */
  expectedAt: Date;
}

export type CookieStatus =
  | { state: 'delivered' }
  | { state: 'in_transit'; expectedAt: Date }
  | { state: 'failed'; reason: string };

/** A failure worth retrying (timeout, outage). */
export class BakeryUnavailable extends Error {}
/** The bakery refused the order for good; retrying the same call will not help. */
export class BakeryRejected extends Error {}

export interface Bakery {
  order(o: CookieOrder): Promise<CookieAccepted>;
  status(bakeryOrderId: string): Promise<CookieStatus>;
}

export interface SimulatedBakeryOptions {
  clock: Clock;
  /** How long a cookie takes, from the order to the warehouse. */
  delaySeconds: number;
  /** Share of calls that fail with a retryable error (0…1). */
  failureRate?: number;
  /** Share of cookies that arrive late, and by how much. */
  lateRate?: number;
  lateSeconds?: number;
  /** Simulated network latency per call. */
  latencyMs?: number;
  random?: () => number;
}

/**
 * A bakery simulator. Its order ids carry the delivery time, so it needs no state of its own and a
 * server restart between the order and the delivery loses nothing. Tests force failures with
 * `failNext` / `rejectNext`.
 */
export class SimulatedBakery implements Bakery {
  private forced: Array<'fail' | 'reject'> = [];
  private readonly accepted = new Map<string, CookieAccepted>();
  readonly calls: CookieOrder[] = [];

  constructor(private readonly o: SimulatedBakeryOptions) {}

  /** The next `n` calls fail with a retryable error. */
  failNext(n = 1) {
    for (let i = 0; i < n; i++) this.forced.push('fail');
  }
  /** The next `n` orders are refused for good. */
  rejectNext(n = 1) {
    for (let i = 0; i < n; i++) this.forced.push('reject');
  }

  private async trouble() {
    if (this.o.latencyMs) await new Promise((r) => setTimeout(r, this.o.latencyMs));
    const forced = this.forced.shift();
    if (forced === 'reject') throw new BakeryRejected('the bakery refused the order (simulated)');
    const random = this.o.random ?? Math.random;
    if (forced === 'fail' || random() < (this.o.failureRate ?? 0)) throw new BakeryUnavailable('the bakery did not answer (simulated outage)');
  }

  async order(o: CookieOrder): Promise<CookieAccepted> {
    this.calls.push(o);
    await this.trouble();
    const known = this.accepted.get(o.idempotencyKey);
    if (known) return known;
    const now = this.o.clock.now().getTime();
    const expectedAt = now + this.o.delaySeconds * 1000;
    const random = this.o.random ?? Math.random;
    const late = random() < (this.o.lateRate ?? 0) ? (this.o.lateSeconds ?? Math.max(1, this.o.delaySeconds / 2)) * 1000 : 0;
    const key = createHash('sha256').update(o.idempotencyKey).digest('hex').slice(0, 12);
    const accepted = { bakeryOrderId: `sim-${key}-${expectedAt + late}`, expectedAt: new Date(expectedAt) };
    this.accepted.set(o.idempotencyKey, accepted);
    return accepted;
  }

  async status(bakeryOrderId: string): Promise<CookieStatus> {
    await this.trouble();
    const m = /^sim-[0-9a-f]+-(\d+)$/.exec(bakeryOrderId);
    if (!m) return { state: 'failed', reason: `the bakery does not know order ${bakeryOrderId}` };
    const deliverAt = Number(m[1]);
    return this.o.clock.now().getTime() >= deliverAt ? { state: 'delivered' } : { state: 'in_transit', expectedAt: new Date(deliverAt) };
  }
}

export function bakeryFromEnv(env: Record<string, string | undefined>, clock: Clock): SimulatedBakery {
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
  return new SimulatedBakery({
    clock,
    delaySeconds: num(env.MCF_BAKERY_DELAY_SECONDS, 600),
    failureRate: num(env.MCF_BAKERY_FAILURE_RATE, 0),
    lateRate: num(env.MCF_BAKERY_LATE_RATE, 0),
    lateSeconds: env.MCF_BAKERY_LATE_SECONDS ? num(env.MCF_BAKERY_LATE_SECONDS, 300) : undefined,
    latencyMs: num(env.MCF_BAKERY_LATENCY_MS, 0),
  });
}
