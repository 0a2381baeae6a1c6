// The tote is invisible to everyone but managers: every procedure and the subscription.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../support/harness.ts';
import { codeOf, openOrder } from './support.ts';

type Call = (c: Client, orderId: string) => Promise<unknown>;

const calls: Record<string, Call> = {
  topUp: (c) => c.betting.topUp.mutate({ amountCents: 100 }),
  wallet: (c) => c.betting.wallet.query(),
  placeBet: (c, orderId) => c.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 1 }),
  myBets: (c) => c.betting.myBets.query(),
  odds: (c, orderId) => c.betting.odds.query({ orderId }),
  history: (c, orderId) => c.betting.history.query({ orderId }),
  openOrders: (c) => c.betting.openOrders.query(),
  settlement: (c, orderId) => c.betting.settlement.query({ orderId }),
  leaderboard: (c) => c.betting.leaderboard.query(),
  recentSettlements: (c) => c.betting.recentSettlements.query(),
};

/** Resolves with the error code the subscription ends with, or 'DATA' if it yields anything. */
function subscribeOutcome(c: Client, orderId: string): Promise<string> {
  return new Promise((resolve) => {
    const sub = c.betting.onOdds.subscribe(
      { orderId },
      {
        onData: () => (sub.unsubscribe(), resolve('DATA')),
        onError: (e) => (sub.unsubscribe(), resolve(codeOf(e))),
      },
    );
    setTimeout(() => (sub.unsubscribe(), resolve('TIMEOUT')), 5_000);
  });
}

describe('betting authorization', () => {
  let s: TestServer;
  let orderId: string;
  const who: Record<string, Client> = {};
  beforeAll(async () => {
    s = await startTestServer();
    orderId = await openOrder(s.app);
    for (const role of ['client', 'worker', 'clerk', 'manager'] as const) who[role] = (await s.signedIn(role)).client;
    who.anonymous = s.anon;
    who.badToken = s.client('mcfs_made_up');
  });
  afterAll(() => s.stop());

  for (const [name, call] of Object.entries(calls)) {
    it(`betting.${name}: client, worker, clerk → FORBIDDEN; anonymous → UNAUTHORIZED`, async () => {
      for (const role of ['client', 'worker', 'clerk']) expect([role, codeOf(await call(who[role], orderId).then(() => 'OK', (e) => e))]).toEqual([role, 'FORBIDDEN']);
      expect(codeOf(await call(who.anonymous, orderId).then(() => 'OK', (e) => e))).toBe('UNAUTHORIZED');
      expect(codeOf(await call(who.badToken, orderId).then(() => 'OK', (e) => e))).toBe('UNAUTHORIZED');
    });
  }

  it('a forbidden call changes nothing', async () => {
    await who.client.betting.topUp.mutate({ amountCents: 100 }).catch(() => undefined);
    const rows = await s.app.platform.db.withSchema('betting').selectFrom('wallet').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('betting.onOdds refuses non-managers and anonymous callers; a manager gets the odds', async () => {
    for (const role of ['client', 'worker', 'clerk']) expect([role, await subscribeOutcome(s.client((await s.signedIn(role as never)).token), orderId)]).toEqual([role, 'FORBIDDEN']);
    expect(await subscribeOutcome(s.client(), orderId)).toBe('UNAUTHORIZED');
    expect(await subscribeOutcome(who.manager, orderId)).toBe('DATA');
  });

  it('a manager may call every procedure', async () => {
    for (const [name, call] of Object.entries(calls)) {
      const r = await call(who.manager, orderId).then(() => 'OK', (e) => codeOf(e));
      // settlement is NOT_FOUND until the order ends; placeBet needs money in the wallet first
      expect([name, r]).toEqual([name, name === 'settlement' ? 'NOT_FOUND' : 'OK']);
    }
  });
});
