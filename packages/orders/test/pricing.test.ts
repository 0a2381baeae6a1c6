import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BASE_PRICE_CENTS, discountedPrice, flatPricingV1, loyaltyDiscountPercent } from '../src/domain/pricing.ts';

const CU = 100;

describe('loyalty discount', () => {
  it.each([
    [0, 0],
    [5_000 * CU, 0],
    [10_000 * CU, 0], // exactly 10,000 is not "more than"
    [10_000 * CU + 1, 5],
    [20_000 * CU, 5],
    [20_000 * CU + 1, 6],
    [30_000 * CU, 6],
    [30_000 * CU + 1, 7],
    [40_000 * CU + 1, 8],
    [50_000 * CU + 1, 9],
    [60_000 * CU + 1, 10],
    [70_000 * CU, 10],
    [70_000 * CU + 1, 11],
    [80_000 * CU, 11],
    [80_000 * CU + 1, 12],
    [90_000 * CU + 1, 12],
    [10_000_000 * CU, 12],
  ])('paid %i cents → %i%%', (paid, pct) => {
    expect(loyaltyDiscountPercent(paid)).toBe(pct);
  });

  it('never decreases as the paid total grows, and stays within 0…12%', () => {
    fc.assert(
      fc.property(fc.nat(2_000_000_000), fc.nat(2_000_000_000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(loyaltyDiscountPercent(lo)).toBeLessThanOrEqual(loyaltyDiscountPercent(hi));
        expect(loyaltyDiscountPercent(hi)).toBeGreaterThanOrEqual(0);
        expect(loyaltyDiscountPercent(hi)).toBeLessThanOrEqual(12);
      }),
    );
  });

  it('negative or missing totals give no discount', () => {
    expect(loyaltyDiscountPercent(-1)).toBe(0);
    expect(loyaltyDiscountPercent(Number.NaN)).toBe(0);
  });
});

describe('pricing policy v1', () => {
  it('is 100 CU minus the discount, in whole cents', async () => {
    expect(BASE_PRICE_CENTS).toBe(10_000);
    expect(discountedPrice(10_000, 0)).toBe(10_000);
    expect(discountedPrice(10_000, 5)).toBe(9_500);
    expect(discountedPrice(10_000, 12)).toBe(8_800);
    const cases: [number, number, number][] = [
      [10_000 * CU, 10_000, 0],
      [10_000 * CU + 1, 9_500, 5],
      [20_000 * CU + 1, 9_400, 6],
      [1_000_000 * CU, 8_800, 12],
    ];
    for (const [paid, price, pct] of cases) {
      const q = await flatPricingV1({ paidTotalCents: async () => paid }).quote({ clientId: 'c', serviceTypeId: 't' });
      expect(q).toMatchObject({ priceCents: price, basePriceCents: 10_000, discountPercent: pct });
    }
  });

  it('reads the paid total of the client it prices', async () => {
    const asked: string[] = [];
    await flatPricingV1({ paidTotalCents: async (id) => (asked.push(id), 0) }).quote({ clientId: 'client-7', serviceTypeId: 't' });
    expect(asked).toEqual(['client-7']);
  });
});
