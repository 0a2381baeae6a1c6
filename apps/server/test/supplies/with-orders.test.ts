// Supplies end to end with the real orders context: a matched order opens a request; issuing it
// moves the order to "supplied"; canceling or failing the order withdraws it; a rebooked copy gets its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { inMinutes, manager, serviceType, worker } from '../orders/support.ts';
import { clerkFeed, codeOf, until, workerFeed } from './support.ts';
import type { OrderSnapshot as PublishedByOrders } from '@mcf/orders';
import type { OrderSnapshot as ReadBySupplies } from '@mcf/supplies';

// Compile-time contract check: what orders publishes is what supplies reads (pnpm typecheck).
export const snapshotContract = (p: PublishedByOrders): ReadBySupplies => p;

type Person = Awaited<ReturnType<TestServer['signedIn']>>;

describe('supplies with real orders', () => {
  let s: TestServer;
  let clerk: Person;
  let typeId: string;
  const typeName = 'Jar tossing (real orders)';

  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_BAKERY_DELAY_SECONDS: '1' } });
    clerk = await s.signedIn('clerk');
    typeId = await serviceType(s, typeName);
  });
  afterAll(() => s.stop());

  const request = (orderId: string) => s.app.contexts.supplies.facade.requestForOrder(orderId);

  it('matched order → request for clerks, live; issue → the order becomes supplied', async () => {
    const w = await worker(s, 'Cleo');
    const c = await s.signedIn('client', 'Oreo');
    const live = await clerkFeed(clerk.client);
    const scheduledAt = inMinutes(180);
    const created = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss the jam jar', scheduledAt, place: 'Kitchen' });
    expect(created.status).toBe('matched');
    const order = await c.client.orders.get.query({ id: created.id });

    const opened = await until('the live request', async () => live.events.find((e) => e.data.orderId === created.id && e.data.type === 'supplies.requestOpened'));
    expect(opened.data).toMatchObject({ workerId: order.workerId, workerName: 'Cleo', clientName: 'Oreo', serviceTypeName: typeName, place: 'Kitchen', state: 'open', cookie: 'pending' });
    expect(new Date(opened.data.scheduledAt).getTime()).toBe(new Date(scheduledAt).getTime());

    // Before the cookie arrived: CONFLICT with the reason; the order stays matched.
    const early = await clerk.client.supplies.issue.mutate({ requestId: opened.data.id }).catch((e) => e);
    if (codeOf(early) !== 'CONFLICT') throw new Error(`expected CONFLICT, got ${JSON.stringify(early)}`);
    expect(early.message).toMatch(/fortune cookie/i);
    expect((await c.client.orders.get.query({ id: created.id })).status).toBe('matched');

    // The worker's task page sees the supply status live.
    const onWorker = await w.client.supplies.forOrder.query({ orderId: created.id });
    expect(onWorker).toMatchObject({ id: opened.data.id, state: 'open' });

    await until('the cookie', async () => (await request(created.id))?.cookie === 'arrived');
    await clerk.client.supplies.issue.mutate({ requestId: opened.data.id });
    await clerk.client.supplies.issue.mutate({ requestId: opened.data.id });
    const statuses: string[] = [];
    const sub = c.client.orders.onStatus.subscribe({ orderId: created.id }, { onData: (d) => statuses.push(d.data.status) });
    await until('the order supplied', async () => statuses.includes('supplied'));
    sub.unsubscribe();
    expect((await c.client.orders.get.query({ id: created.id })).status).toBe('supplied');
    expect((await w.client.supplies.forOrder.query({ orderId: created.id })).state).toBe('issued');
    const suppliedEvents = await s.app.db.withSchema('platform').selectFrom('event_log').select('id').where('type', '=', 'orders.supplied').where('payload', '@>', JSON.stringify({ orderId: created.id }) as never).execute();
    expect(suppliedEvents).toHaveLength(1);
    live.stop();
  });

  it('the client cancels → the request is withdrawn', async () => {
    await worker(s);
    const c = await s.signedIn('client');
    const created = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: inMinutes(120), place: 'Hall' });
    await until('the request', () => request(created.id));
    await c.client.orders.cancel.mutate({ orderId: created.id, reason: 'rain' });
    const r = await until('withdrawn', async () => {
      const x = await request(created.id);
      return x?.state === 'withdrawn' ? x : null;
    });
    expect(r.withdrawnReason).toMatch(/canceled \(rain\)/);
  });

  it('a failed order withdraws its request; the rebooked copy gets a request of its own', async () => {
    await worker(s);
    const c = await s.signedIn('client');
    const m = await manager(s);
    const created = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: inMinutes(60), place: 'Attic' });
    const first = await until('the request', () => request(created.id));
    await m.orders.admin.fail.mutate({ orderId: created.id, reason: 'the worker left' });
    await until('withdrawn', async () => (await request(created.id))?.state === 'withdrawn');
    const copy = await c.client.orders.rebook.mutate({ orderId: created.id, scheduledAt: inMinutes(240) });
    const second = await until('the copy’s request', () => request(copy.id));
    expect(second.id).not.toBe(first.id);
    expect(second.state).toBe('open');
  });
  it('a manager re-matches the order → the request moves to the new worker; the previous one hears it leave', async () => {
    const pool = [await worker(s, 'Salem'), await worker(s, 'Chester')];
    const c = await s.signedIn('client');
    const m = await manager(s);
    const created = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: inMinutes(300), place: 'Garden shed' });
    const before = await until('the request', () => request(created.id));
    const known = [...pool];
    const first = known.find((w) => w.id === before.workerId);
    const clerkLive = await clerkFeed(clerk.client);
    const firstLive = first ? await workerFeed(first.client) : null;
    await m.orders.admin.rematch.mutate({ orderId: created.id, reason: 'sick paw' });
    const moved = await until('re-addressed', async () => clerkLive.events.find((e) => e.data.orderId === created.id && e.data.type === 'supplies.readdressed'));
    const order = await m.orders.get.query({ id: created.id });
    expect(moved.data).toMatchObject({ id: before.id, workerId: order.workerId, previousWorkerId: before.workerId, state: 'open' });
    expect(order.workerId).not.toBe(before.workerId);
    if (firstLive && first) {
      await until('the previous worker told', async () => firstLive.events.find((e) => e.data.orderId === created.id && e.data.type === 'supplies.readdressed'));
      await expect(first.client.supplies.forOrder.query({ orderId: created.id })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
      firstLive.stop();
    }
    const second = known.find((w) => w.id === order.workerId);
    if (second) expect((await second.client.supplies.forOrder.query({ orderId: created.id })).workerId).toBe(second.id);
    clerkLive.stop();
  });
});
