// Pricing is a replaceable policy: the router and the matcher only know `PricingPolicy`.
// v1: a constant 100 CU per service minus the client's loyalty discount.
import { cu, percentOf, type Cents } from '@mcf/kernel';

/** What pricing may read about the client; billing (accounts) implements it. */
export interface PaidTotalPort {
  paidTotalCents(clientId: string): Promise<number>;
}

export interface PriceQuote {
  priceCents: Cents;
  basePriceCents: Cents;
  discountPercent: number;
  policy: string;
}

export interface PricingPolicy {
  readonly name: string;
  quote(input: { clientId: string; serviceTypeId: string }): Promise<PriceQuote>;
}

export const BASE_PRICE_CENTS = cu(100);
const TIER = cu(10_000);

/**
 * Loyalty discount by the total the client has paid: more than 10,000 CU → 5%, more than 20,000 → 6%,
 * +1% for each further 10,000, never more than 12%. Exactly 10,000 is still 0% ("more than").
 */
export function loyaltyDiscountPercent(paidCents: Cents): number {
  if (!(paidCents > TIER)) return 0;
  const tiersPassed = Math.floor((paidCents - 1) / TIER); // 1 for (10k, 20k], 2 for (20k, 30k], …
  return Math.min(12, 4 + tiersPassed);
}

export function discountedPrice(base: Cents, percent: number): Cents {
  return base - percentOf(base, percent);
}

export function flatPricingV1(port: PaidTotalPort): PricingPolicy {
  return {
    name: 'flat-100-loyalty-v1',
    async quote({ clientId }) {
      const paid = await port.paidTotalCents(clientId);
      const discountPercent = loyaltyDiscountPercent(Number(paid) || 0);
      return { priceCents: discountedPrice(BASE_PRICE_CENTS, discountPercent), basePriceCents: BASE_PRICE_CENTS, discountPercent, policy: 'flat-100-loyalty-v1' };
    },
  };
}
