// Live odds from the stakes on each outcome: pool / stake (what one cent on that outcome would return).
import type { Cents } from '@mcf/kernel';
import { OUTCOMES, type OddsView, type Outcome, type OutcomeOdds, type Stakes } from './types.ts';

export const emptyStakes = (): Stakes => ({ completed: 0, canceled: 0, failed: 0 });

export function poolOf(stakes: Stakes): Cents {
  return OUTCOMES.reduce((a, o) => a + stakes[o], 0);
}

/** pool / stake, to 4 decimal places; null when the outcome has no stake. */
export function oddsFor(pool: Cents, stake: Cents): number | null {
  if (stake <= 0) return null;
  return Math.round((pool / stake) * 10_000) / 10_000;
}

export function oddsView(orderId: string, open: boolean, stakes: Stakes): OddsView {
  const pool = poolOf(stakes);
  const outcomes = {} as Record<Outcome, OutcomeOdds>;
  for (const o of OUTCOMES) outcomes[o] = { stakeCents: stakes[o], odds: oddsFor(pool, stakes[o]) };
  return { orderId, open, poolCents: pool, outcomes };
}
