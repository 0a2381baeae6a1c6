// Live updates: orders.onStatus (client, worker, managers) and orders.feed (a worker's tasks), with resume.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { inMinutes, issueSupplies, serviceType, waitFor, worker } from './support.ts';

describe('orders live', () => {
  let s: TestServer;
  let typeId: string;
  let w: Awaited<ReturnType<typeof worker>>;
  beforeAll(async () => {
    s = await startTestServer();
    typeId = await serviceType(s);
    w = await worker(s, 'Only');
  });
  afterAll(() => s.stop());

  it('onStatus replays the order from the start and follows it live, in order, once', async () => {
    const c = await s.signedIn('client');
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: inMinutes(90), place: 'Hall' });
    const seen: any[] = [];
    const sub = c.client.orders.onStatus.subscribe({ orderId: r.id }, { onData: (d) => seen.push(d) });
    await waitFor('matched via onStatus', async () => seen.some((d) => d.data.status === 'matched'));
    await issueSupplies(s, r.id, w.id);
    await c.client.orders.cancel.mutate({ orderId: r.id });
    await waitFor('canceled via onStatus', async () => seen.some((d) => d.data.status === 'canceled'));
    sub.unsubscribe();
    // Supplies' own events on the order channel are not order statuses and are left out.
    expect(seen.map((d) => d.data.status)).toEqual(['created', 'matched', 'supplied', 'canceled']);
    expect(seen[1].data).toMatchObject({ orderId: r.id, status: 'matched', workerId: w.id, priceCents: 10_000 });
    expect(typeof seen[1].data.at).toBe('string');
    const ids = seen.map((d) => Number(d.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    // Resuming from the second event gives exactly what came after it.
    const resumed: any[] = [];
    const sub2 = c.client.orders.onStatus.subscribe({ orderId: r.id, lastEventId: seen[1].id }, { onData: (d) => resumed.push(d) });
    await waitFor('resume', async () => resumed.length >= 2);
    await new Promise((res) => setTimeout(res, 200));
    sub2.unsubscribe();
    expect(resumed.map((d) => d.data.status)).toEqual(['supplied', 'canceled']);
  });

  it('the worker feed shows a new task live, and a reconnect with lastEventId misses nothing', async () => {
    const feed: any[] = [];
    const sub = w.client.orders.feed.subscribe({}, { onData: (d) => feed.push(d) });
    await new Promise((res) => setTimeout(res, 300));
    const c = await s.signedIn('client');
    const a = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Task A', scheduledAt: inMinutes(200), place: 'Yard' });
    await waitFor('task in feed', async () => feed.some((d) => d.data.orderId === a.id && d.data.status === 'matched'));
    expect(feed.find((d) => d.data.orderId === a.id).data).toMatchObject({ description: 'Task A', place: 'Yard', workerId: w.id });
    sub.unsubscribe();
    const last = feed.at(-1).id;
    // While disconnected: the client cancels A and places B.
    await c.client.orders.cancel.mutate({ orderId: a.id });
    const b = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Task B', scheduledAt: inMinutes(400), place: 'Yard' });
    const later: any[] = [];
    const sub2 = w.client.orders.feed.subscribe({ lastEventId: last }, { onData: (d) => later.push(d) });
    await waitFor('missed events', async () => later.length >= 2);
    sub2.unsubscribe();
    expect(later.map((d) => [d.data.orderId, d.data.status])).toEqual([
      [a.id, 'canceled'],
      [b.id, 'matched'],
    ]);
  });
});

describe('orders live: dashboards', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  it('onMine gives a client its own orders only; onOrders gives managers every order', async () => {
    const typeId = await serviceType(s);
    await worker(s);
    const a = await s.signedIn('client');
    const b = await s.signedIn('client');
    const mineA: any[] = [];
    const all: any[] = [];
    const m = s.client(await s.managerToken());
    const subA = a.client.orders.onMine.subscribe(undefined, { onData: (d) => mineA.push(d) });
    const subM = m.orders.admin.onOrders.subscribe(undefined, { onData: (d) => all.push(d) });
    await new Promise((res) => setTimeout(res, 300));
    const oa = await a.client.orders.create.mutate({ serviceTypeId: typeId, description: 'A', scheduledAt: inMinutes(60), place: 'P' });
    const ob = await b.client.orders.create.mutate({ serviceTypeId: typeId, description: 'B', scheduledAt: inMinutes(60), place: 'P' });
    await waitFor('manager sees both', async () => all.filter((d) => d.data.status === 'matched').length >= 2);
    await new Promise((res) => setTimeout(res, 200));
    subA.unsubscribe();
    subM.unsubscribe();
    expect(new Set(mineA.map((d) => d.data.orderId))).toEqual(new Set([oa.id]));
    expect(new Set(all.map((d) => d.data.orderId))).toEqual(new Set([oa.id, ob.id]));
    const errors: unknown[] = [];
    const bad = a.client.orders.admin.onOrders.subscribe(undefined, { onError: (e) => errors.push(e) });
    await waitFor('refusal', async () => errors.length > 0);
    bad.unsubscribe();
    expect((errors[0] as any).data?.code).toBe('FORBIDDEN');
  });
});
