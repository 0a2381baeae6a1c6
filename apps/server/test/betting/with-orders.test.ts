// End to end through the real orders context: orders' own events open, close and settle the pools.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { issueSupplies, jpegPhoto, manager, serviceType, worker } from '../orders/support.ts';
import { codeOf, settled, waitFor } from './support.ts';

describe('betting on real orders', () => {
  let s: TestServer;
  let typeId: string;
  let w: Awaited<ReturnType<typeof worker>>;
  let c: Awaited<ReturnType<TestServer['signedIn']>>;
  const clock = new ManualClock(new Date());
  const hourAhead = () => new Date(clock.now().getTime() + 3600_000).toISOString();

  beforeAll(async () => {
    s = await startTestServer({ clock });
    typeId = await serviceType(s, 'Jar tossing');
    w = await worker(s, 'Luna');
    c = await s.signedIn('client');
  });
  afterAll(() => s.stop());

  const newOrder = async () => {
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss the jar', scheduledAt: hourAhead(), place: 'Kitchen' });
    const m = await manager(s);
    await waitFor(async () => (await m.betting.openOrders.query()).some((o) => o.orderId === r.id), `order ${r.id} open for betting`);
    return (await c.client.orders.get.query({ id: r.id }))!;
  };
  const bettors = async () => {
    const [a, b] = await Promise.all([s.signedIn('manager', 'Ann'), s.signedIn('manager', 'Ben')]);
    await a.client.betting.topUp.mutate({ amountCents: 10_000 });
    await b.client.betting.topUp.mutate({ amountCents: 10_000 });
    return [a, b] as const;
  };

  it('created → supplied stays open; check-in closes betting (CONFLICT); completion pays the backers', async () => {
    const o = await newOrder();
    const [a, b] = await bettors();
    const open = (await a.client.betting.openOrders.query()).find((x) => x.orderId === o.id)!;
    expect(open).toMatchObject({ serviceTypeName: 'Jar tossing', description: 'Toss the jar', place: 'Kitchen' });
    await a.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'completed', amountCents: 3_000 });
    await b.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'failed', amountCents: 1_000 });
    await issueSupplies(s, o.id, w.id);
    await waitFor(async () => (await s.app.db.withSchema('betting').selectFrom('order_state').select('status').where('order_id', '=', o.id).executeTakeFirst())?.status === 'supplied', 'supplied projected');
    await b.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'failed', amountCents: 1_000 });

    clock.set(new Date(Date.parse(o.scheduledAt) - 60_000));
    await w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() });
    await waitFor(async () => !(await a.client.betting.odds.query({ orderId: o.id })).open, 'betting closed on start');
    const late = await a.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'completed', amountCents: 100 }).catch((e) => e);
    expect(codeOf(late)).toBe('CONFLICT');

    await w.client.orders.complete.mutate({ orderId: o.id, reportPhoto: jpegPhoto() });
    await settled(s.app, o.id);
    const st = await a.client.betting.settlement.query({ orderId: o.id });
    expect(st).toMatchObject({ outcome: 'completed', poolCents: 5_000, developersBankCents: 0, refundedCents: 0 });
    expect(st.payouts.find((p) => p.managerId === a.id)).toMatchObject({ stakeCents: 3_000, payoutCents: 5_000 });
    expect(st.payouts.find((p) => p.managerId === b.id)).toMatchObject({ stakeCents: 2_000, payoutCents: 0 });
    expect((await a.client.betting.wallet.query()).balanceCents).toBe(12_000);
    expect((await b.client.betting.wallet.query()).balanceCents).toBe(8_000);
  });

  it('a client cancel settles as canceled; nobody backed it, so the pool goes to the developers\' bank', async () => {
    const o = await newOrder();
    const [a, b] = await bettors();
    await a.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'completed', amountCents: 700 });
    await b.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'failed', amountCents: 300 });
    clock.advance(1_000); // the test clock stands still; a bet at the very instant of the end would be refunded
    await c.client.orders.cancel.mutate({ orderId: o.id, reason: 'changed my mind' });
    await settled(s.app, o.id);
    expect(await a.client.betting.settlement.query({ orderId: o.id })).toMatchObject({ outcome: 'canceled', poolCents: 1_000, developersBankCents: 1_000 });
    expect((await a.client.betting.wallet.query()).balanceCents).toBe(9_300);
  });

  it('a manager failing the order settles as failed', async () => {
    const o = await newOrder();
    const [a, b] = await bettors();
    await a.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'failed', amountCents: 100 });
    await b.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'failed', amountCents: 201 });
    await a.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'completed', amountCents: 1_000 });
    clock.advance(1_000);
    await (await manager(s)).orders.admin.fail.mutate({ orderId: o.id, reason: 'worker left' });
    await settled(s.app, o.id);
    const st = await a.client.betting.settlement.query({ orderId: o.id });
    expect(st.outcome).toBe('failed');
    // pool 1,301 split 100 : 201 → 431.89… and 868.10… → 432 + 869 = 1,301
    expect(st.payouts.find((p) => p.managerId === a.id)!.payoutCents + st.payouts.find((p) => p.managerId === b.id)!.payoutCents).toBe(1_301);
    expect(st.payouts.find((p) => p.managerId === a.id)!.payoutCents).toBe(432);
    expect(st.payouts.find((p) => p.managerId === b.id)!.payoutCents).toBe(869);
  });

  it('a bet on a brand-new order the projection has not heard of yet goes in (asked through the orders facade)', async () => {
    const o = await newOrder();
    // Play the lag: forget the projected order, as if its orders.created reaction had not run yet.
    const db = s.app.db.withSchema('betting');
    await db.deleteFrom('odds_point').where('order_id', '=', o.id).execute();
    await db.deleteFrom('order_state').where('order_id', '=', o.id).execute();
    const [a] = await bettors();
    await a.client.betting.placeBet.mutate({ orderId: o.id, outcome: 'completed', amountCents: 250 });
    expect(await a.client.betting.odds.query({ orderId: o.id })).toMatchObject({ open: true, poolCents: 250 });
    // a replayed created event changes nothing
    const reaction = s.app.contexts.betting.reactions[0];
    const { snapshot } = await import('./support.ts');
    await s.app.db.transaction().execute((trx) => reaction.run(trx, { id: 1, context: 'orders', type: 'orders.created', channels: [`order:${o.id}`], payload: { ...snapshot(o.id, 'created'), serviceTypeName: 'Jar tossing' }, at: new Date() }));
    expect((await a.client.betting.odds.query({ orderId: o.id })).poolCents).toBe(250);
    // an order that does not exist anywhere is still NOT_FOUND
    expect(codeOf(await a.client.betting.placeBet.mutate({ orderId: '0b7f2a8c-0000-4000-8000-000000000000', outcome: 'failed', amountCents: 1 }).catch((e) => e))).toBe('NOT_FOUND');
  });
});
