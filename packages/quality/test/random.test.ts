import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawIndex, drawOne, seededRng } from '../src/domain/random.ts';
import { chiSquarePValue, chiSquareStatistic, uniformityTest } from '../src/domain/chiSquare.ts';

describe('chi-square helper', () => {
  it('computes the statistic by hand', () => {
    // (10-12.5)²/12.5 + (15-12.5)²/12.5 + (12-12.5)²/12.5 + (13-12.5)²/12.5 = (6.25+6.25+0.25+0.25)/12.5
    expect(chiSquareStatistic([10, 15, 12, 13], [12.5, 12.5, 12.5, 12.5])).toBeCloseTo(13 / 12.5, 12);
  });

  it('gives textbook p-values', () => {
    // Critical values: P(χ²₁ ≥ 3.841) = 0.05, P(χ²₉ ≥ 16.919) = 0.05, P(χ²₂ ≥ 9.210) = 0.01; df 2 is exp(-x/2).
    expect(chiSquarePValue(3.841458820694124, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquarePValue(16.918977604620448, 9)).toBeCloseTo(0.05, 6);
    expect(chiSquarePValue(9.21034037197618, 2)).toBeCloseTo(0.01, 6);
    expect(chiSquarePValue(5, 2)).toBeCloseTo(Math.exp(-2.5), 10);
    expect(chiSquarePValue(0, 4)).toBe(1);
    expect(chiSquarePValue(123.225, 99)).toBeCloseTo(0.05, 3);
  });

  it('flags a lopsided distribution', () => {
    expect(uniformityTest([100, 100, 100, 160]).pValue).toBeLessThan(0.001);
  });

  it('rejects mismatched or empty input', () => {
    expect(() => chiSquareStatistic([1, 2], [1])).toThrow(RangeError);
    expect(() => chiSquareStatistic([1], [0])).toThrow(RangeError);
  });
});

describe('drawing', () => {
  it('nothing to draw from gives null', () => {
    expect(drawIndex(0, seededRng(1))).toBeNull();
    expect(drawOne([], seededRng(1))).toBeNull();
  });

  it('always lands inside the eligible set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const i = drawIndex(n, () => r)!;
        return Number.isInteger(i) && i >= 0 && i < n;
      }),
    );
  });

  it('refuses a broken generator', () => {
    expect(() => drawIndex(3, () => 1)).toThrow(RangeError);
    expect(() => drawIndex(3, () => NaN)).toThrow(RangeError);
    expect(() => drawIndex(-1, () => 0.5)).toThrow(RangeError);
  });

  it('the seeded generator is reproducible', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    const xs = Array.from({ length: 20 }, () => a());
    expect(Array.from({ length: 20 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it.each([
    [7, 20260105],
    [10, 7],
    [37, 12345],
  ])('is uniform over %i items (chi-square, fixed seed %i)', (k, seed) => {
    const rng = seededRng(seed);
    const draws = 2000 * k;
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < draws; i++) counts[drawIndex(k, rng)!]++;
    const { pValue, df } = uniformityTest(counts);
    expect(df).toBe(k - 1);
    // With a fixed seed this is deterministic; a biased draw (e.g. always favouring the ends) fails it.
    expect(pValue).toBeGreaterThan(0.01);
  });

  it('the chi-square check would catch a biased draw', () => {
    const rng = seededRng(99);
    const k = 10;
    const counts = new Array<number>(k).fill(0);
    // Modulo bias on purpose: 0..15 folded onto 10 buckets.
    for (let i = 0; i < 20_000; i++) counts[Math.floor(rng() * 16) % k]++;
    expect(uniformityTest(counts).pValue).toBeLessThan(0.001);
  });
});
