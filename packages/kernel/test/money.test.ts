import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateProportionally, cu, formatCu, mulDiv, percentOf } from '../src/money.ts';

describe('money', () => {
  it('counts cat-units in whole hundredths', () => {
    expect(cu(100)).toBe(10_000);
    expect(formatCu(-1234)).toBe('-12.34 CU');
    expect(formatCu(5)).toBe('0.05 CU');
  });

  it('rounds percentages half away from zero', () => {
    expect(percentOf(10_000, 5)).toBe(500);
    expect(percentOf(1, 50)).toBe(1);
    expect(percentOf(-1, 50)).toBe(-1);
    expect(percentOf(3, 10)).toBe(0);
    expect(mulDiv(10, 1, 4)).toBe(3); // 2.5 → 3
  });

  it('mulDiv is within half a cent of the exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (a, n, d) => {
        const exact = (a * n) / d;
        expect(Math.abs(mulDiv(a, n, d) - exact)).toBeLessThanOrEqual(0.5 + 1e-9 * Math.abs(exact));
      }),
    );
  });

  it('splits any total among any weights so that the parts add up exactly and each is within a cent of its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 40 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocateProportionally(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            expect(Math.abs(p - (total * weights[i]) / sum)).toBeLessThan(1);
            if (weights[i] === 0) expect(p).toBe(0);
          });
        },
      ),
    );
  });

  it('refuses to split among nobody or by negative weights', () => {
    expect(() => allocateProportionally(100, [0, 0])).toThrow();
    expect(() => allocateProportionally(100, [5, -1])).toThrow();
    expect(() => allocateProportionally(10.5, [1])).toThrow();
  });
});
