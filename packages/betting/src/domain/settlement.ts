// Pari-mutuel settlement: the whole pool goes to the backers of the outcome in proportion to their
// stakes, split to the cent by the largest-remainder rule so the payouts add up to the pool exactly.
// Nobody backed the outcome → the pool goes to the developers' bank. No commission.
import { allocateProportionally, type Cents } from '@mcf/kernel';
import type { Outcome } from './types.ts';

export interface SettleBet {
  betId: string;
  managerId: string;
  outcome: Outcome;
  amountCents: Cents;
  placedAt: Date;
}

export interface ManagerPayout {
  managerId: string;
  /** Everything the manager staked on this order (valid bets, every outcome). */
  stakeCents: Cents;
  /** The part of it on the winning outcome. */
  winningStakeCents: Cents;
  payoutCents: Cents;
}

export interface Settlement {
  outcome: Outcome;
  poolCents: Cents;
  payouts: ManagerPayout[];
  developersBankCents: Cents;
}

/**
 * Settles a pool of bets (all of them valid, i.e. placed before betting closed).
 * Managers are listed in id order; that order only breaks exact ties of remainders.
 */
export function settle(bets: readonly Pick<SettleBet, 'managerId' | 'outcome' | 'amountCents'>[], outcome: Outcome): Settlement {
  const byManager = new Map<string, { stake: Cents; winning: Cents }>();
  let pool = 0;
  for (const b of bets) {
    if (!Number.isSafeInteger(b.amountCents) || b.amountCents <= 0) throw new RangeError('a stake must be a positive whole number of cents');
    pool += b.amountCents;
    const m = byManager.get(b.managerId) ?? { stake: 0, winning: 0 };
    m.stake += b.amountCents;
    if (b.outcome === outcome) m.winning += b.amountCents;
    byManager.set(b.managerId, m);
  }
  const managers = [...byManager.keys()].sort();
  const winners = managers.filter((id) => byManager.get(id)!.winning > 0);
  const payoutOf = new Map<string, Cents>();
  let bank = 0;
  if (winners.length === 0) bank = pool;
  else {
    const shares = allocateProportionally(pool, winners.map((id) => byManager.get(id)!.winning));
    winners.forEach((id, i) => payoutOf.set(id, shares[i]));
  }
  return {
    outcome,
    poolCents: pool,
    payouts: managers.map((managerId) => ({
      managerId,
      stakeCents: byManager.get(managerId)!.stake,
      winningStakeCents: byManager.get(managerId)!.winning,
      payoutCents: payoutOf.get(managerId) ?? 0,
    })),
    developersBankCents: bank,
  };
}

/**
 * Betting closes the moment the order starts or ends. A bet placed at or after that moment (the
 * `at` of the orders event) is refunded, never counted, even if it got in before the projection heard.
 */
export function splitByCutoff<B extends { placedAt: Date }>(bets: readonly B[], closedAt: Date): { valid: B[]; late: B[] } {
  const valid: B[] = [];
  const late: B[] = [];
  for (const b of bets) (b.placedAt.getTime() >= closedAt.getTime() ? late : valid).push(b);
  return { valid, late };
}
