import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oddsView, settle, splitByCutoff, OUTCOMES, oddsChartSvg, type Outcome } from '../src/index.ts';

const managerIds = ['m-01', 'm-02', 'm-03', 'm-04', 'm-05', 'm-06', 'm-07', 'm-08', 'm-09', 'm-10', 'm-11', 'm-12', 'm-13', 'm-14', 'm-15'];
const outcomeArb = fc.constantFrom<Outcome>(...OUTCOMES);
const betArb = fc.record({
  managerId: fc.constantFrom(...managerIds),
  outcome: outcomeArb,
  amountCents: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 10_000_000 })),
});
const betsArb = fc.array(betArb, { minLength: 0, maxLength: 60 });

describe('pari-mutuel settlement (property tests)', () => {
  it('payouts plus the developers\' bank add up to the pool, to the cent', () => {
    fc.assert(
      fc.property(betsArb, outcomeArb, (bets, outcome) => {
        const s = settle(bets, outcome);
        const pool = bets.reduce((a, b) => a + b.amountCents, 0);
        expect(s.poolCents).toBe(pool);
        expect(s.payouts.reduce((a, p) => a + p.payoutCents, 0) + s.developersBankCents).toBe(pool);
      }),
      { numRuns: 2000 },
    );
  });

  it('each winner gets its proportional share within one cent; losers get nothing', () => {
    fc.assert(
      fc.property(betsArb, outcomeArb, (bets, outcome) => {
        const s = settle(bets, outcome);
        const winning = bets.filter((b) => b.outcome === outcome).reduce((a, b) => a + b.amountCents, 0);
        for (const p of s.payouts) {
          const own = bets.filter((b) => b.managerId === p.managerId);
          expect(p.stakeCents).toBe(own.reduce((a, b) => a + b.amountCents, 0));
          const ownWinning = own.filter((b) => b.outcome === outcome).reduce((a, b) => a + b.amountCents, 0);
          expect(p.winningStakeCents).toBe(ownWinning);
          if (ownWinning === 0) expect(p.payoutCents).toBe(0);
          else {
            // exact share = pool × stake / winning stakes; compare in integers: |payout × W − pool × w| < W
            const diff = BigInt(p.payoutCents) * BigInt(winning) - BigInt(s.poolCents) * BigInt(ownWinning);
            expect(diff < 0n ? -diff : diff).toBeLessThan(BigInt(winning));
          }
          expect(p.payoutCents).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the developers\' bank gets the whole pool exactly when nobody backed the outcome, else nothing', () => {
    fc.assert(
      fc.property(betsArb, outcomeArb, (bets, outcome) => {
        const s = settle(bets, outcome);
        const anyWinner = bets.some((b) => b.outcome === outcome);
        expect(s.developersBankCents).toBe(anyWinner ? 0 : s.poolCents);
        if (!anyWinner) expect(s.payouts.every((p) => p.payoutCents === 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is independent of the order the bets come in', () => {
    fc.assert(
      fc.property(betsArb, outcomeArb, fc.integer(), (bets, outcome, seed) => {
        const shuffled = [...bets].sort((a, b) => ((a.amountCents * 31 + seed) % 7) - ((b.amountCents * 31 + seed) % 7));
        expect(settle(shuffled, outcome)).toEqual(settle(bets, outcome));
      }),
    );
  });

  it('a winner never gets less than its own stake back when it is the only backer of the outcome', () => {
    fc.assert(
      fc.property(betsArb, outcomeArb, (bets, outcome) => {
        const s = settle(bets, outcome);
        const winners = s.payouts.filter((p) => p.winningStakeCents > 0);
        if (winners.length === 1) expect(winners[0].payoutCents).toBe(s.poolCents);
        for (const w of winners) expect(w.payoutCents).toBeGreaterThanOrEqual(w.winningStakeCents);
      }),
    );
  });

  it('worked example: 1 cent left over goes to the largest remainder', () => {
    const s = settle(
      [
        { managerId: 'a', outcome: 'completed', amountCents: 100 },
        { managerId: 'b', outcome: 'completed', amountCents: 200 },
        { managerId: 'c', outcome: 'failed', amountCents: 701 },
      ],
      'completed',
    );
    // pool 1001 split 1:2 → 333.67 and 667.33 → 333 + 667 = 1000, the last cent to a (remainder .67)
    expect(s.payouts).toEqual([
      { managerId: 'a', stakeCents: 100, winningStakeCents: 100, payoutCents: 334 },
      { managerId: 'b', stakeCents: 200, winningStakeCents: 200, payoutCents: 667 },
      { managerId: 'c', stakeCents: 701, winningStakeCents: 0, payoutCents: 0 },
    ]);
    expect(s.developersBankCents).toBe(0);
  });

  it('refuses a stake that is not a positive whole number of cents', () => {
    expect(() => settle([{ managerId: 'a', outcome: 'failed', amountCents: 1.5 }], 'failed')).toThrow(RangeError);
    expect(() => settle([{ managerId: 'a', outcome: 'failed', amountCents: 0 }], 'failed')).toThrow(RangeError);
  });
});

describe('closing time', () => {
  it('bets at or after the close are late', () => {
    const close = new Date('2026-01-05T10:00:00.000Z');
    const bets = [-1, 0, 1].map((d, i) => ({ id: i, placedAt: new Date(close.getTime() + d) }));
    const { valid, late } = splitByCutoff(bets, close);
    expect(valid.map((b) => b.id)).toEqual([0]);
    expect(late.map((b) => b.id)).toEqual([1, 2]);
  });
});

describe('odds', () => {
  it('are pool / stake, null without a stake', () => {
    const v = oddsView('o', true, { completed: 300, canceled: 100, failed: 0 });
    expect(v.poolCents).toBe(400);
    expect(v.outcomes.completed).toEqual({ stakeCents: 300, odds: 1.3333 });
    expect(v.outcomes.canceled).toEqual({ stakeCents: 100, odds: 4 });
    expect(v.outcomes.failed).toEqual({ stakeCents: 0, odds: null });
  });

  it('never go below 1 for a backed outcome', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e9), (a, b, c) => {
        const v = oddsView('o', true, { completed: a, canceled: b, failed: c });
        for (const o of OUTCOMES) if (v.outcomes[o].odds !== null) expect(v.outcomes[o].odds!).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('chart is an SVG with one line per backed outcome', () => {
    const pts = [
      { at: 'x', poolCents: 100, outcomes: oddsView('o', true, { completed: 100, canceled: 0, failed: 0 }).outcomes },
      { at: 'y', poolCents: 300, outcomes: oddsView('o', true, { completed: 100, canceled: 200, failed: 0 }).outcomes },
    ];
    const svg = oddsChartSvg(pts);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path /g)?.length).toBe(2);
    expect(oddsChartSvg([])).toContain('<svg');
  });
});
