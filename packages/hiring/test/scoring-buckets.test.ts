import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { combineTraits, scoreTraits, screeningConfigSchema, DEFAULT_SCREENING } from '../src/domain/scoring.ts';
import { take, wouldAllow } from '../src/domain/tokenBucket.ts';
import { Admission, admissionConfig, KeyedBuckets } from '../src/admission.ts';

describe('scoring', () => {
  it('averages each trait over the tests that measured it', () => {
    expect(combineTraits([{ reflexes: 1, patience: 0 }, { reflexes: 0 }, { curiosity: -1 }])).toEqual({ curiosity: -1, patience: 0, reflexes: 0.5 });
  });

  it('is a weighted mean on −1..+1; untested traits count as 0', () => {
    expect(scoreTraits({ a: 1, b: -1 }, { a: 1, b: 1 })).toBe(0);
    expect(scoreTraits({ a: 1 }, { a: 3, b: 1 })).toBe(0.75);
    expect(scoreTraits({ a: 1 }, { a: -1 })).toBe(-1);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.double({ min: -5, max: 5, noNaN: true })),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.double({ min: -10, max: 10, noNaN: true })),
        (traits, weights) => {
          const s = scoreTraits(traits, weights);
          expect(s).toBeGreaterThanOrEqual(-1);
          expect(s).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('the default configuration is valid; nonsense is refused', () => {
    expect(screeningConfigSchema.parse(DEFAULT_SCREENING)).toEqual(DEFAULT_SCREENING);
    expect(screeningConfigSchema.safeParse({ ...DEFAULT_SCREENING, cutoffPercent: 0 }).success).toBe(false);
    expect(screeningConfigSchema.safeParse({ ...DEFAULT_SCREENING, weights: { reflexes: 0 } }).success).toBe(false);
    expect(screeningConfigSchema.safeParse({ ...DEFAULT_SCREENING, weights: { 'Bad Name': 1 } }).success).toBe(false);
  });
});

describe('token buckets', () => {
  const spec = { capacity: 3, refillPerSecond: 1 };
  it('allow a burst, then one per refill interval', () => {
    let s = undefined;
    for (let i = 0; i < 3; i++) {
      const r = take(spec, s, 0);
      expect(r.ok).toBe(true);
      s = r.state;
    }
    expect(take(spec, s, 0)).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(wouldAllow(spec, s, 999)).toBe(false);
    expect(take(spec, s, 1000).ok).toBe(true);
  });

  it('property: over any schedule, takes never exceed capacity + rate × time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 200 }), (gaps) => {
        let s = undefined;
        let t = 0;
        let ok = 0;
        for (const g of gaps) {
          t += g;
          const r = take(spec, s, t);
          s = r.state;
          if (r.ok) ok++;
        }
        expect(ok).toBeLessThanOrEqual(spec.capacity + (t / 1000) * spec.refillPerSecond + 1e-9);
      }),
    );
  });

  it('a keyed map forgets the least recently seen addresses beyond its bound', () => {
    const k = new KeyedBuckets(spec, 100);
    for (let i = 0; i < 10_000; i++) k.take(`10.0.${i >> 8}.${i & 255}`, 0);
    expect(k.size).toBe(100);
  });
});

describe('admission', () => {
  it('the gate only looks; the procedure takes; a flood from one address stops at the gate', () => {
    let now = 0;
    const a = new Admission({ ...admissionConfig({}), applyPerAddress: { capacity: 2, refillPerSecond: 0 } }, () => now);
    const req = { paths: ['hiring.apply'], ip: '1.1.1.1', contentLength: 100 };
    expect(a.gate(req)).toBeNull();
    expect(a.takeApply('1.1.1.1')).toBeNull();
    expect(a.takeApply('1.1.1.1')).toBeNull();
    expect(a.gate(req)).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(a.takeApply('1.1.1.1')).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(a.gate({ ...req, ip: '2.2.2.2' })).toBeNull();
    expect(a.gate({ ...req, ip: '2.2.2.2', contentLength: 50_000_000 })).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(a.gate({ paths: ['accounts.login'], ip: '1.1.1.1', contentLength: 10 })).toBeNull();
    // A batch of applications in one request is refused whole, before its body is read.
    expect(a.gate({ paths: ['hiring.apply', 'hiring.apply'], ip: '3.3.3.3', contentLength: 100 })).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(a.gate({ paths: ['system.health', 'hiring.apply'], ip: '3.3.3.3', contentLength: 100 })).toBeNull();
  });

  it('the global budget is spent only by proven applications, and then stops everyone at the gate', () => {
    const a = new Admission({ ...admissionConfig({}), applyGlobal: { capacity: 2, refillPerSecond: 0 } }, () => 0);
    for (let i = 0; i < 100; i++) expect(a.takeApply(`10.0.0.${i}`)).toBeNull(); // junk from many addresses: no global cost
    expect(a.gate({ paths: ['hiring.apply'], ip: '9.9.9.9', contentLength: 10 })).toBeNull();
    expect(a.takeGlobal()).toBeNull();
    expect(a.takeGlobal()).toBeNull();
    expect(a.takeGlobal()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(a.gate({ paths: ['hiring.apply'], ip: '9.9.9.9', contentLength: 10 })).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });

  it('caps concurrency with a bounded queue', async () => {
    const a = new Admission({ ...admissionConfig({}), maxConcurrent: 2, maxQueue: 2, queueWaitMs: 1000 });
    let running = 0;
    let peak = 0;
    const job = () =>
      a.withSlot(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return 'done';
      });
    const results = await Promise.allSettled(Array.from({ length: 6 }, job));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(2);
    expect(a.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });
});
