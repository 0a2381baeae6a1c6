import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addJob, REACTION_TASK } from '@mcf/kernel';
import { ORDERS_REACTION } from '@mcf/betting';
import { startTestServer, type Client, type TestServer } from '../support/harness.ts';
import { codeOf, openOrder, publishOrder, settled, waitFor } from './support.ts';

describe('the tote', () => {
  let s: TestServer;
  const managers: { id: string; client: Client }[] = [];
  beforeAll(async () => {
    s = await startTestServer();
    for (let i = 0; i < 3; i++) managers.push(await s.signedIn('manager', `Bettor ${i}`));
  });
  afterAll(() => s.stop());

  it('tops up a wallet and records the history', async () => {
    const m = await s.signedIn('manager');
    expect(await m.client.betting.wallet.query()).toEqual({ balanceCents: 0, entries: [] });
    expect(await m.client.betting.topUp.mutate({ amountCents: 5_000 })).toEqual({ balanceCents: 5_000 });
    expect(await m.client.betting.topUp.mutate({ amountCents: 250 })).toEqual({ balanceCents: 5_250 });
    const w = await m.client.betting.wallet.query();
    expect(w.balanceCents).toBe(5_250);
    expect(w.entries.map((e) => [e.kind, e.amountCents, e.balanceAfterCents])).toEqual([
      ['top_up', 250, 5_250],
      ['top_up', 5_000, 5_000],
    ]);
  });

  it('refuses bad amounts with BAD_REQUEST naming the field', async () => {
    const m = managers[0].client;
    for (const amountCents of [0, -5, 1.5, 1e12]) {
      const e = await m.betting.topUp.mutate({ amountCents }).catch((x) => x);
      expect(codeOf(e)).toBe('BAD_REQUEST');
      expect(e.message).toMatch(/amountCents/);
    }
    const e = await m.betting.placeBet.mutate({ orderId: 'nope', outcome: 'won' as never, amountCents: 1 }).catch((x) => x);
    expect(codeOf(e)).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/orderId/);
    expect(e.message).toMatch(/outcome/);
  });

  it('a new order opens with an empty pool; odds move with every bet', async () => {
    const orderId = await openOrder(s.app);
    const [a, b] = managers;
    await a.client.betting.topUp.mutate({ amountCents: 10_000 });
    await b.client.betting.topUp.mutate({ amountCents: 10_000 });
    const empty = await a.client.betting.odds.query({ orderId });
    expect(empty).toEqual({
      orderId,
      open: true,
      poolCents: 0,
      outcomes: { completed: { stakeCents: 0, odds: null }, canceled: { stakeCents: 0, odds: null }, failed: { stakeCents: 0, odds: null } },
    });
    expect((await a.client.betting.openOrders.query()).map((o) => o.orderId)).toContain(orderId);
    const { betId } = await a.client.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 300 });
    expect(betId).toMatch(/^[0-9a-f-]{36}$/);
    await b.client.betting.placeBet.mutate({ orderId, outcome: 'failed', amountCents: 100 });
    const odds = await b.client.betting.odds.query({ orderId });
    expect(odds.poolCents).toBe(400);
    expect(odds.outcomes).toEqual({ completed: { stakeCents: 300, odds: 1.3333 }, canceled: { stakeCents: 0, odds: null }, failed: { stakeCents: 100, odds: 4 } });
    const h = await a.client.betting.history.query({ orderId });
    expect(h.points.map((p) => p.poolCents)).toEqual([0, 300, 400]);
    expect(h.svg).toMatch(/^<svg/);
    const w = await a.client.betting.wallet.query();
    expect(w.entries[0]).toMatchObject({ kind: 'stake', amountCents: -300, orderId, betId });
  });

  it('refuses a stake larger than the wallet with CONFLICT and a clear message; nothing changes', async () => {
    const m = await s.signedIn('manager');
    const orderId = await openOrder(s.app);
    const e0 = await m.client.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 1 }).catch((x) => x);
    expect(codeOf(e0)).toBe('CONFLICT');
    await m.client.betting.topUp.mutate({ amountCents: 1_000 });
    const e = await m.client.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 1_001 }).catch((x) => x);
    expect(codeOf(e)).toBe('CONFLICT');
    expect(e.message).toMatch(/Not enough money.*10\.01 CU.*10\.00 CU/);
    expect((await m.client.betting.wallet.query()).balanceCents).toBe(1_000);
    expect((await m.client.betting.odds.query({ orderId })).poolCents).toBe(0);
    await m.client.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 1_000 });
    expect((await m.client.betting.wallet.query()).balanceCents).toBe(0);
  });

  it('onOdds starts with the current odds, goes live, and resumes after lastEventId without gaps or repeats', async () => {
    const orderId = await openOrder(s.app);
    const m = managers[2].client;
    await m.betting.topUp.mutate({ amountCents: 10_000 });
    await m.betting.placeBet.mutate({ orderId, outcome: 'canceled', amountCents: 100 });
    const seen: { id: string; pool: number }[] = [];
    const sub = m.betting.onOdds.subscribe({ orderId }, { onData: (d) => seen.push({ id: d.id, pool: d.data.poolCents }) });
    await waitFor(async () => seen.length === 1, 'current odds');
    expect(seen[0].pool).toBe(100);
    await m.betting.placeBet.mutate({ orderId, outcome: 'canceled', amountCents: 200 });
    await waitFor(async () => seen.length === 2, 'live change');
    expect(seen[1].pool).toBe(300);
    sub.unsubscribe();
    // missed while away: two more bets; resuming after the last id seen gives exactly those
    await m.betting.placeBet.mutate({ orderId, outcome: 'failed', amountCents: 400 });
    await m.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 800 });
    const resumed: number[] = [];
    const sub2 = m.betting.onOdds.subscribe({ orderId, lastEventId: seen[1].id }, { onData: (d) => resumed.push(d.data.poolCents) });
    await waitFor(async () => resumed.length >= 2, 'replay');
    await new Promise((r) => setTimeout(r, 200));
    sub2.unsubscribe();
    expect(resumed).toEqual([700, 1_500]);
  });

  it('unknown orders are NOT_FOUND', async () => {
    const m = managers[0].client;
    const id = '7f6a1d7e-0000-4000-8000-000000000000';
    for (const call of [
      () => m.betting.odds.query({ orderId: id }),
      () => m.betting.history.query({ orderId: id }),
      () => m.betting.settlement.query({ orderId: id }),
      () => m.betting.placeBet.mutate({ orderId: id, outcome: 'failed', amountCents: 1 }),
    ]) expect(codeOf(await call().catch((x) => x))).toBe('NOT_FOUND');
  });

  it('a bet after the order started is CONFLICT; odds say closed', async () => {
    const orderId = await openOrder(s.app);
    const m = managers[1].client;
    await m.betting.topUp.mutate({ amountCents: 500 });
    await publishOrder(s.app, orderId, 'matched');
    await publishOrder(s.app, orderId, 'started');
    await waitFor(async () => !(await m.betting.odds.query({ orderId })).open, 'betting closed');
    const e = await m.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 100 }).catch((x) => x);
    expect(codeOf(e)).toBe('CONFLICT');
    expect(e.message).toMatch(/closed.*started/);
    expect((await m.betting.openOrders.query()).map((o) => o.orderId)).not.toContain(orderId);
  });

  it('an older order event handled after a newer one changes nothing and does not fail', async () => {
    const orderId = await openOrder(s.app);
    const matched = await publishOrder(s.app, orderId, 'matched');
    await publishOrder(s.app, orderId, 'started');
    const m = managers[0].client;
    await waitFor(async () => !(await m.betting.odds.query({ orderId })).open, 'betting closed');
    // Reactions run as concurrent jobs, so the `matched` event may reach betting after `started`.
    const reaction = s.app.contexts.betting.reactions!.find((r) => r.name === ORDERS_REACTION)!;
    await s.app.db.transaction().execute((trx) => reaction.run(trx, matched));
    expect((await m.betting.odds.query({ orderId })).open).toBe(false);
  });

  it('settles when the order ends: the whole pool to the winners, by stake, to the cent', async () => {
    const [a, b, c] = await Promise.all([0, 1, 2].map((i) => s.signedIn('manager', `Settler ${i}`)));
    const orderId = await openOrder(s.app);
    for (const m of [a, b, c]) await m.client.betting.topUp.mutate({ amountCents: 10_000 });
    await a.client.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 100 });
    await b.client.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 200 });
    await c.client.betting.placeBet.mutate({ orderId, outcome: 'canceled', amountCents: 701 });
    await publishOrder(s.app, orderId, 'started');
    await publishOrder(s.app, orderId, 'completed');
    await settled(s.app, orderId);
    const st = await a.client.betting.settlement.query({ orderId });
    expect(st.outcome).toBe('completed');
    expect(st.developersBankCents).toBe(0);
    expect(st.poolCents).toBe(1_001);
    const byId = Object.fromEntries(st.payouts.map((p) => [p.managerId, p]));
    expect(byId[a.id]).toMatchObject({ stakeCents: 100, payoutCents: 334 });
    expect(byId[b.id]).toMatchObject({ stakeCents: 200, payoutCents: 667 });
    expect(byId[c.id]).toMatchObject({ stakeCents: 701, payoutCents: 0 });
    expect((await a.client.betting.wallet.query()).balanceCents).toBe(10_000 - 100 + 334);
    expect((await b.client.betting.wallet.query()).balanceCents).toBe(10_000 - 200 + 667);
    expect((await c.client.betting.wallet.query()).balanceCents).toBe(10_000 - 701);
    expect((await a.client.betting.wallet.query()).entries[0]).toMatchObject({ kind: 'payout', amountCents: 334, orderId });
    const odds = await a.client.betting.odds.query({ orderId });
    expect(odds.open).toBe(false);
    const lb = await a.client.betting.leaderboard.query();
    const row = lb.entries.find((e) => e.managerId === b.id)!;
    expect(row).toMatchObject({ name: 'Settler 1', netCents: 467, stakedCents: 200, wonCents: 667 });
    expect(lb.entries.find((e) => e.managerId === c.id)!.netCents).toBe(-701);
    expect((await a.client.betting.recentSettlements.query()).find((r) => r.orderId === orderId)).toMatchObject({ outcome: 'completed', poolCents: 1_001, developersBankCents: 0 });
    expect(lb.entries.findIndex((e) => e.managerId === b.id)).toBeLessThan(lb.entries.findIndex((e) => e.managerId === c.id));
  });

  it('nobody backed the outcome: the pool goes to the developers\' bank', async () => {
    const a = await s.signedIn('manager');
    const orderId = await openOrder(s.app);
    await a.client.betting.topUp.mutate({ amountCents: 1_000 });
    await a.client.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 600 });
    const before = (await a.client.betting.leaderboard.query()).developersBankCents;
    await publishOrder(s.app, orderId, 'canceled');
    await settled(s.app, orderId);
    const st = await a.client.betting.settlement.query({ orderId });
    expect(st).toMatchObject({ outcome: 'canceled', developersBankCents: 600, payouts: [{ managerId: a.id, stakeCents: 600, payoutCents: 0 }] });
    expect((await a.client.betting.leaderboard.query()).developersBankCents).toBe(before + 600);
    expect((await a.client.betting.wallet.query()).balanceCents).toBe(400);
  });

  it('a bet placed at or after the start time is refunded, even if it got in before the projection heard', async () => {
    const a = await s.signedIn('manager');
    const b = await s.signedIn('manager');
    const orderId = await openOrder(s.app, new Date(Date.now() - 60_000));
    await a.client.betting.topUp.mutate({ amountCents: 1_000 });
    await b.client.betting.topUp.mutate({ amountCents: 1_000 });
    await a.client.betting.placeBet.mutate({ orderId, outcome: 'failed', amountCents: 100 });
    const startedAt = new Date();
    await new Promise((r) => setTimeout(r, 5));
    // b's bet lands after the start but before betting heard of it
    await b.client.betting.placeBet.mutate({ orderId, outcome: 'failed', amountCents: 900 });
    // the started event's reaction has not run when the order fails (reactions may run in any order):
    // publish both events at once, started first
    await s.app.platform.db.transaction().execute(async (trx) => {
      const { snapshot } = await import('./support.ts');
      await s.app.platform.events.publish(trx, 'orders', [
        { type: 'orders.started', channels: [`order:${orderId}`], payload: snapshot(orderId, 'started', startedAt) },
        { type: 'orders.failed', channels: [`order:${orderId}`], payload: snapshot(orderId, 'failed', new Date()) },
      ]);
    });
    await settled(s.app, orderId);
    const st = await a.client.betting.settlement.query({ orderId });
    expect(st).toMatchObject({ outcome: 'failed', poolCents: 100, refundedCents: 900, closedAt: startedAt.toISOString() });
    expect(st.payouts).toEqual([{ managerId: a.id, stakeCents: 100, winningStakeCents: 100, payoutCents: 100 }]);
    expect((await b.client.betting.wallet.query()).balanceCents).toBe(1_000);
    expect((await b.client.betting.wallet.query()).entries[0]).toMatchObject({ kind: 'refund', amountCents: 900 });
    expect((await a.client.betting.wallet.query()).balanceCents).toBe(1_000);
    const bets = await b.client.betting.myBets.query();
    expect(bets[0]).toMatchObject({ orderId, status: 'refunded' });
  });

  it('settling twice pays once: the reaction run again, and the job enqueued again', async () => {
    const a = await s.signedIn('manager');
    const orderId = await openOrder(s.app);
    await a.client.betting.topUp.mutate({ amountCents: 1_000 });
    await a.client.betting.placeBet.mutate({ orderId, outcome: 'completed', amountCents: 400 });
    const ended = await publishOrder(s.app, orderId, 'completed');
    await settled(s.app, orderId);
    expect((await a.client.betting.wallet.query()).balanceCents).toBe(1_000);
    // 1. the reaction itself, run twice more on the same event (as if the "handled" mark were lost)
    const reaction = s.app.contexts.betting.reactions.find((r) => r.name === ORDERS_REACTION)!;
    for (let i = 0; i < 2; i++) await s.app.platform.db.transaction().execute((trx) => reaction.run(trx, ended));
    // 2. the durable job enqueued again under a new key
    await addJob(s.app.platform.db, REACTION_TASK, { handler: ORDERS_REACTION, eventId: ended.id }, { jobKey: `replay-${ended.id}` });
    // 3. a duplicate end event from the orders side
    await publishOrder(s.app, orderId, 'completed');
    await waitFor(async () => {
      const r = await s.app.platform.db.selectFrom('graphile_worker.jobs' as never).select('id' as never).where('key' as never, '=', `replay-${ended.id}` as never).executeTakeFirst().catch(() => null);
      return !r;
    }, 'replayed job done');
    await new Promise((r) => setTimeout(r, 300));
    const w = await a.client.betting.wallet.query();
    expect(w.balanceCents).toBe(1_000);
    expect(w.entries.filter((e) => e.kind === 'payout')).toHaveLength(1);
    expect((await a.client.betting.settlement.query({ orderId })).payouts).toEqual([{ managerId: a.id, stakeCents: 400, winningStakeCents: 400, payoutCents: 400 }]);
  });
});
