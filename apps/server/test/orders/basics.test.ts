import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { eventsOf, expectCode, inMinutes, manager, serviceType, waitFor, worker } from './support.ts';

describe('orders: create, match, read, cancel', () => {
  let s: TestServer;
  let typeId: string;
  beforeAll(async () => {
    s = await startTestServer();
    typeId = await serviceType(s);
  });
  afterAll(() => s.stop());

  it('a client creates an order that is matched at once, priced, with events on the right channels', async () => {
    const w = await worker(s, 'Luna');
    const c = await s.signedIn('client');
    const quote = await c.client.orders.quote.query({ serviceTypeId: typeId });
    expect(quote.approxPriceCents).toBe(10_000);
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss the jar', scheduledAt: inMinutes(120), place: 'Kitchen' });
    expect(r.status).toBe('matched');
    const o = await c.client.orders.get.query({ id: r.id });
    expect(o).toMatchObject({ id: r.id, clientId: c.id, workerId: w.id, status: 'matched', priceCents: 10_000, copyOf: null });
    const ev = await eventsOf(s, r.id);
    expect(ev.map((e) => e.type)).toEqual(['orders.created', 'orders.matched']);
    expect(ev[1].channels.sort()).toEqual([`client:${c.id}`, `order:${r.id}`, 'orders', `worker:${w.id}`].sort());
    expect(ev[1].payload).toMatchObject({ orderId: r.id, clientId: c.id, workerId: w.id, status: 'matched', priceCents: 10_000, serviceTypeId: typeId, place: 'Kitchen', description: 'Toss the jar', copyOf: null, reason: null, noShow: false, previousWorkerId: null });
    expect((await c.client.orders.mine.query()).map((x) => x.id)).toEqual([r.id]);
    expect((await w.client.orders.tasks.query({ state: 'active' })).map((x) => x.id)).toContain(r.id);
    expect(await w.client.orders.tasks.query({ state: 'completed' })).toEqual([]);
  });

  it('the client cancels; a second cancel is CONFLICT', async () => {
    await worker(s);
    const c = await s.signedIn('client');
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: inMinutes(60), place: 'Hall' });
    const v = await c.client.orders.cancel.mutate({ orderId: r.id, reason: 'changed my mind' });
    expect(v.status).toBe('canceled');
    await expectCode(c.client.orders.cancel.mutate({ orderId: r.id }), 'CONFLICT');
    const ev = await eventsOf(s, r.id);
    expect(ev.at(-1)).toMatchObject({ type: 'orders.canceled', payload: { reason: 'changed my mind', status: 'canceled' } });
  });
});
