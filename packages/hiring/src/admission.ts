// Admission control for the public endpoints (hiring.challenge, hiring.apply), in this process:
//  - per-address token buckets (a bounded LRU map, so a spray of addresses cannot grow memory),
//  - a global token bucket for applications (protects the database from a botnet),
//  - a concurrency cap with a short, time-limited queue for the expensive part of `apply`,
//  - a body-size limit for `apply`, checked on Content-Length before a byte of the body is read.
// Enforcement happens twice: `gate()` runs in the HTTP server before the body is read and only *looks*
// (refusing at once when a bucket is already empty or the queue full: a flood costs us almost nothing);
// the procedures then *take* tokens, so WebSocket calls are limited too and nothing is counted twice.
// With N server processes each keeps its own buckets: the per-address limit becomes N× unless the load
// balancer is sticky by address (see docs/hiring.md).
import { current, take, wouldAllow, type BucketSpec, type BucketState } from './domain/tokenBucket.ts';
import { MAX_PHOTO_BASE64 } from './domain/photo.ts';

export interface AdmissionConfig {
  applyPerAddress: BucketSpec;
  applyGlobal: BucketSpec;
  challengePerAddress: BucketSpec;
  maxConcurrent: number;
  maxQueue: number;
  queueWaitMs: number;
  /** How many addresses the buckets remember (least recently seen are forgotten first). */
  maxAddresses: number;
  maxApplyBodyBytes: number;
}

const num = (v: string | undefined, d: number) => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? d : Number(v));

export function admissionConfig(env: Record<string, string | undefined>): AdmissionConfig {
  return {
    applyPerAddress: { capacity: num(env.MCF_HIRING_APPLY_BURST, 5), refillPerSecond: num(env.MCF_HIRING_APPLY_PER_HOUR, 10) / 3600 },
    applyGlobal: { capacity: num(env.MCF_HIRING_APPLY_GLOBAL_BURST, 200), refillPerSecond: num(env.MCF_HIRING_APPLY_GLOBAL_PER_SECOND, 20) },
    challengePerAddress: { capacity: num(env.MCF_HIRING_CHALLENGE_BURST, 20), refillPerSecond: num(env.MCF_HIRING_CHALLENGE_PER_MINUTE, 30) / 60 },
    maxConcurrent: num(env.MCF_HIRING_MAX_CONCURRENT, 8),
    maxQueue: num(env.MCF_HIRING_MAX_QUEUE, 32),
    queueWaitMs: num(env.MCF_HIRING_QUEUE_WAIT_MS, 5000),
    maxAddresses: num(env.MCF_HIRING_MAX_ADDRESSES, 50_000),
    // The largest photo as base64 plus the rest of the form and JSON framing.
    maxApplyBodyBytes: num(env.MCF_HIRING_MAX_BODY_BYTES, MAX_PHOTO_BASE64 + 64 * 1024),
  };
}

/** Token buckets by key, forgetting the least recently used keys beyond `max` (bounded memory). */
export class KeyedBuckets {
  private readonly map = new Map<string, BucketState>();
  constructor(private readonly spec: BucketSpec, private readonly max: number) {}

  get size() {
    return this.map.size;
  }

  peek(key: string, now: number) {
    return wouldAllow(this.spec, this.map.get(key), now);
  }

  take(key: string, now: number) {
    const r = take(this.spec, this.map.get(key), now);
    this.map.delete(key); // re-insert: Map order is the LRU order
    // A full bucket is the same as no bucket: forget it to save memory.
    if (r.state.tokens < this.spec.capacity) this.map.set(key, r.state);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    return r;
  }
}

export type Refusal = { code: 'TOO_MANY_REQUESTS' | 'PAYLOAD_TOO_LARGE'; message: string; retryAfterSeconds?: number };

export class Busy extends Error {}

export interface AdmissionStats {
  admitted: number;
  refusedAtGate: number;
  refusedInProcedure: number;
  inFlight: number;
  queued: number;
  addressesTracked: number;
}

export class Admission {
  private readonly applyByAddress: KeyedBuckets;
  private readonly challengeByAddress: KeyedBuckets;
  private globalApply: BucketState | undefined;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private counters = { admitted: 0, refusedAtGate: 0, refusedInProcedure: 0 };

  constructor(readonly config: AdmissionConfig, private readonly now: () => number = Date.now) {
    this.applyByAddress = new KeyedBuckets(config.applyPerAddress, config.maxAddresses);
    this.challengeByAddress = new KeyedBuckets(config.challengePerAddress, config.maxAddresses);
  }

  stats(): AdmissionStats {
    return { ...this.counters, inFlight: this.inFlight, queued: this.waiting.length, addressesTracked: this.applyByAddress.size + this.challengeByAddress.size };
  }

  /** The HTTP server's early look, before the body is read. Null: let it through to the procedure. */
  gate(req: { paths: readonly string[]; ip: string; contentLength: number | null }): Refusal | null {
    const now = this.now();
    let refusal: Refusal | null = null;
    const applies = req.paths.filter((p) => p === 'hiring.apply').length;
    if (applies > 0) {
      if (applies > 1) {
        // The page sends one application at a time; a batch of them is a flood in one request.
        refusal = { code: 'TOO_MANY_REQUESTS', message: 'Send one application at a time', retryAfterSeconds: 1 };
      } else if (req.contentLength !== null && req.contentLength > this.config.maxApplyBodyBytes) {
        refusal = { code: 'PAYLOAD_TOO_LARGE', message: `The application is too large; the photo may be at most 5 MB` };
      } else if (!this.applyByAddress.peek(req.ip, now)) {
        refusal = { code: 'TOO_MANY_REQUESTS', message: 'Too many applications from your address; try again later', retryAfterSeconds: 60 };
      } else if (!wouldAllow(this.config.applyGlobal, this.globalApply, now) || this.waiting.length >= this.config.maxQueue) {
        refusal = { code: 'TOO_MANY_REQUESTS', message: 'We are receiving very many applications right now; try again in a minute', retryAfterSeconds: 30 };
      }
    }
    if (!refusal && req.paths.includes('hiring.challenge') && !this.challengeByAddress.peek(req.ip, now)) {
      refusal = { code: 'TOO_MANY_REQUESTS', message: 'Too many requests from your address; try again later', retryAfterSeconds: 30 };
    }
    if (refusal) this.counters.refusedAtGate++;
    return refusal;
  }

  /** Takes the caller's address token for one application attempt (valid or not); the refusal says why. */
  takeApply(ip: string): Refusal | null {
    const own = this.applyByAddress.take(ip, this.now());
    if (own.ok) return null;
    this.counters.refusedInProcedure++;
    return { code: 'TOO_MANY_REQUESTS', message: 'Too many applications from your address; try again later', retryAfterSeconds: own.retryAfterSeconds };
  }

  /**
   * Takes a global token, once the application's proof of work has been verified: junk without a
   * proof never drains the global budget, so a spray of forged addresses cannot lock honest cats out.
   */
  takeGlobal(): Refusal | null {
    const g = take(this.config.applyGlobal, this.globalApply, this.now());
    this.globalApply = g.state;
    if (!g.ok) {
      this.counters.refusedInProcedure++;
      return { code: 'TOO_MANY_REQUESTS', message: 'We are receiving very many applications right now; try again in a minute', retryAfterSeconds: g.retryAfterSeconds };
    }
    this.counters.admitted++;
    return null;
  }

  takeChallenge(ip: string): Refusal | null {
    const r = this.challengeByAddress.take(ip, this.now());
    if (r.ok) return null;
    this.counters.refusedInProcedure++;
    return { code: 'TOO_MANY_REQUESTS', message: 'Too many requests from your address; try again later', retryAfterSeconds: r.retryAfterSeconds };
  }

  /** Runs `fn` when one of `maxConcurrent` slots is free; waits in a bounded queue, else throws Busy. */
  async withSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.config.maxConcurrent) {
      if (this.waiting.length >= this.config.maxQueue) throw new Busy('queue full');
      await new Promise<void>((resolve, reject) => {
        const entry = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new Busy('waited too long'));
        }, this.config.queueWaitMs);
        this.waiting.push(entry);
      });
    } else {
      this.inFlight++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.inFlight--;
    }
  }

  /** Current global bucket level (for the stats). */
  globalTokens() {
    return current(this.config.applyGlobal, this.globalApply, this.now()).tokens;
  }
}
