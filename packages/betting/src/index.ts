// The betting context (the tote): managers' wallets, pari-mutuel pools per order, live odds,
// settlement when an order ends. Other packages import only this file.
import type { ContextModule, Platform } from '@mcf/kernel';
import { bettingMigrations } from './db/migrations.ts';
import { bettingRouter } from './router.ts';
import { ordersReaction, ORDERS_REACTION } from './policies/orders.ts';
import { BETTING_SCHEMA, Tote } from './tote.ts';

export { BETTING_SCHEMA, bettingMigrations, ORDERS_REACTION };
export * from './events.ts';
export { settle, splitByCutoff, type Settlement, type ManagerPayout, type SettleBet } from './domain/settlement.ts';
export { oddsView, oddsFor, poolOf } from './domain/odds.ts';
export { oddsChartSvg, type OddsPoint } from './domain/chart.ts';
export { OUTCOMES, type Outcome, type OddsView } from './domain/types.ts';

export interface BettingDeps {
  /** Manager names for the leaderboard (the accounts facade). */
  accounts: { get(id: string): Promise<{ name: string } | null> };
  /** The orders facade (optional): lets a bet on a brand-new order in before its event is projected. */
  orders?: { getOrder(orderId: string): Promise<{ orderId: string; status: string } | null> };
}

export interface BettingFacade {
  odds: Tote['odds'];
  settlement: Tote['settlement'];
}

export function createBettingContext(platform: Platform, deps: BettingDeps) {
  const tote = new Tote(platform, deps.orders ? (id) => deps.orders!.getOrder(id) : undefined);
  const nameOf = async (id: string) => (await deps.accounts.get(id))?.name ?? null;
  const facade: BettingFacade = { odds: (id) => tote.odds(id), settlement: (id) => tote.settlement(id) };
  return {
    name: BETTING_SCHEMA,
    migrations: bettingMigrations,
    router: bettingRouter({ tote, platform, nameOf }),
    reactions: [ordersReaction(tote)],
    facade,
  } satisfies ContextModule;
}
