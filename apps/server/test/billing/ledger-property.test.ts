// The ledger's properties end to end: random order outcomes (published as the orders context does)
// and manager credits, through the reaction, the database's balance check and month-end closing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { ledgerSum, publishOutcomes, reactionsDone, snapshot, type Outcome } from './support.ts';

describe('ledger properties through the real server', () => {
  let s: TestServer;
  const clock = new ManualClock(new Date('2027-01-15T12:00:00Z'));
  beforeAll(async () => {
    s = await startTestServer({ clock, env: { TZ: 'UTC', MCF_BILLING_SCHEDULE: 'off', MCF_PAYMENTS_LATENCY_MS: '1', MCF_GOLDHAT_LATENCY_MS: '1' } });
  });
  afterAll(() => s.stop());

  it("random outcomes and credits: the ledger balances and each month's payout is exact to the cent", { timeout: 120_000 }, async () => {
    let month = 0;
    const step = fc.oneof(
      fc.record({ t: fc.constant('order' as const), status: fc.constantFrom<Outcome>('completed', 'canceled', 'failed'), price: fc.integer({ min: 1, max: 2_000_000 }), day: fc.integer({ min: 1, max: 28 }) }),
      fc.record({ t: fc.constant('credit' as const), amount: fc.integer({ min: 1, max: 500_000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        // Every run (shrinking included) gets a month of its own.
        month++;
        const ym = (i: number) => `${2027 + Math.floor((i - 1) / 12)}-${String(((i - 1) % 12) + 1).padStart(2, '0')}`;
        const mm = ym(month);
        clock.set(`${mm}-20T12:00:00Z`);
        const c = await s.signedIn('client');
        const w = await s.signedIn('worker');
        const m = (await s.signedIn('manager')).client;
        let expected = 0;
        const outcomes = [];
        for (const x of steps) {
          if (x.t === 'credit') {
            await m.accounts.billing.creditWorker.mutate({ workerId: w.id, amountCents: x.amount, reason: 'property' });
            expected += x.amount;
          } else {
            outcomes.push(snapshot({ clientId: c.id, workerId: w.id, status: x.status, priceCents: x.price, at: `${mm}-${String(x.day).padStart(2, '0')}T10:00:00Z` }));
            if (x.status === 'completed') expected += Math.round((x.price * 6) / 10);
            if (x.status === 'failed') expected -= 4_000;
          }
        }
        if (outcomes.length) await publishOutcomes(s, outcomes);
        await reactionsDone(s);
        expect(await ledgerSum(s)).toBe(0);
        clock.set(`${ym(month + 1)}-01T01:00:00Z`);
        const { invoices } = await m.accounts.billing.closeMonth.mutate({ month: mm });
        const mine = invoices.find((i) => i.accountId === w.id);
        if (expected > 0) expect(mine?.totalCents).toBe(expected);
        else expect(mine).toBeUndefined();
        const st = await m.accounts.billing.statement.query({ accountId: w.id });
        // Earnings − fines + credits, whether or not the payout has gone out yet.
        expect(st.entries.filter((e) => e.kind !== 'payout').reduce((a, e) => a + e.amountCents, 0)).toBe(expected);
      }),
      { numRuns: 8 },
    );
  });
});
