import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { histogram, passes, passesByRank, summarise } from '../src/domain/cutoff.ts';

const rule = { percent: 3 };

describe('the top-3% rule', () => {
  it('on a known population of 100 distinct scores, exactly the best 3 pass', () => {
    const scores = Array.from({ length: 100 }, (_, i) => i / 100); // 0.00 … 0.99
    const passed = scores.filter((s) => passes(scores, s, rule));
    expect(passed.sort()).toEqual([0.97, 0.98, 0.99]);
    expect(summarise(scores, rule)).toEqual({ population: 100, passCount: 3, cutoffScore: 0.97, tiedAtCutoff: 1 });
  });

  it('ties at the cut-off: every cat tied at the boundary passes', () => {
    // 100 cats: two clearly best, then three tied at 0.9 (ranks 3..5), then the rest lower.
    const scores = [1, 0.95, 0.9, 0.9, 0.9, ...Array.from({ length: 95 }, (_, i) => i / 200)];
    expect(passes(scores, 0.9, rule)).toBe(true); // 2 strictly better < 3
    expect(summarise(scores, rule)).toEqual({ population: 100, passCount: 5, cutoffScore: 0.9, tiedAtCutoff: 3 });
    expect(passes(scores, 94 / 200, rule)).toBe(false);
  });

  it('a tie just below the line fails together', () => {
    // 3 strictly better than the tied group: none of them passes.
    const scores = [1, 0.99, 0.98, 0.5, 0.5, ...Array.from({ length: 95 }, () => 0)];
    expect(passes(scores, 0.5, rule)).toBe(false);
    expect(summarise(scores, rule).passCount).toBe(3);
  });

  it('in a population smaller than 34 only the very best passes; the first candidate passes', () => {
    expect(passes([0.1], 0.1, rule)).toBe(true);
    const ten = Array.from({ length: 10 }, (_, i) => i / 10);
    expect(ten.filter((s) => passes(ten, s, rule))).toEqual([0.9]);
  });

  it('an absolute floor rejects even the best', () => {
    expect(passes([-0.5, -0.6], -0.5, { percent: 3, minScore: 0 })).toBe(false);
    expect(summarise([-0.5, -0.6], { percent: 3, minScore: 0 }).passCount).toBe(0);
  });

  it('fractional percentages work to the hundredth', () => {
    expect(passesByRank(2, 100, 2.5)).toBe(true);
    expect(passesByRank(3, 100, 2.5)).toBe(false);
    expect(passesByRank(24, 1000, 2.5)).toBe(true);
    expect(passesByRank(25, 1000, 2.5)).toBe(false);
  });

  it('properties: pass count is at least one and at most p%·N plus the tie; passing is monotone in score', () => {
    const score = fc.integer({ min: -100, max: 100 }).map((x) => x / 100);
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 10000 }).map((x) => x / 100), (scores, percent) => {
        const r = { percent };
        const s = summarise(scores, r);
        const passed = scores.filter((x) => passes(scores, x, r));
        // summarise and passes agree
        expect(passed.length).toBe(s.passCount);
        expect(s.passCount).toBeGreaterThanOrEqual(1); // the best always passes (no floor)
        // without the tie, the passers are within p% of N
        expect((s.passCount - s.tiedAtCutoff) * 100).toBeLessThan(percent * scores.length);
        // anyone scoring at least a passer passes; anyone below the cut-off fails
        for (const x of scores) expect(passes(scores, x, r)).toBe(x >= s.cutoffScore!);
      }),
      { numRuns: 300 },
    );
  });

  it('histogram counts everyone once', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true })), (scores) => {
        const h = histogram(scores, 20);
        expect(h).toHaveLength(20);
        expect(h.reduce((a, b) => a + b.count, 0)).toBe(scores.length);
      }),
    );
  });
});
