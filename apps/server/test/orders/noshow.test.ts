// The no-show path end to end with a short grace period and the real job queue, then the rebook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { eventsOf, expectCode, issueSupplies, jpegPhoto, serviceType, waitFor, worker } from './support.ts';

const GRACE_S = 2;

describe('no-show and rebook', () => {
  let s: TestServer;
  let typeId: string;
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_NO_SHOW_GRACE_SECONDS: String(GRACE_S) } });
    typeId = await serviceType(s);
  });
  afterAll(() => s.stop());

  const soon = () => new Date(Date.now() + 1500).toISOString();

  it('fails the order when the worker never checks in, and the copy goes to another worker', async () => {
    const first = await worker(s, 'Absent');
    const c = await s.signedIn('client');
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss the jar', scheduledAt: soon(), place: 'Garden' });
    const o = await c.client.orders.get.query({ id: r.id });
    expect(o.workerId).toBe(first.id);
    await issueSupplies(s, o.id, first.id);
    const failed = await failedOf(s, c.client, o.id);
    expect(failed).toMatchObject({ status: 'failed', noShow: true, reason: 'no_show' });
    const ev = (await eventsOf(s, o.id)).at(-1)!;
    expect(ev).toMatchObject({ type: 'orders.failed', payload: { noShow: true, reason: 'no_show', workerId: first.id } });
    // Too late to check in now.
    await expectCode(first.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() }), 'CONFLICT');

    const second = await worker(s, 'Present');
    const copy = await c.client.orders.rebook.mutate({ orderId: o.id, scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
    const got = await c.client.orders.get.query({ id: copy.id });
    expect(got).toMatchObject({ status: 'matched', copyOf: o.id, workerId: second.id, priceCents: 10_000, description: 'Toss the jar', place: 'Garden' });
    await expectCode(c.client.orders.rebook.mutate({ orderId: o.id, scheduledAt: new Date(Date.now() + 86_400_000).toISOString() }), 'CONFLICT');
    const m = s.client(await s.managerToken());
    const why = await m.orders.admin.explain.query({ orderId: copy.id });
    expect(why.matches[0].explanation.removedBy['another-worker-on-rebook']).toBe(1);
  });

  it('rebooking an order that did not fail, or another client\'s, is refused', async () => {
    const c = await s.signedIn('client');
    const other = await s.signedIn('client');
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), place: 'Hall' });
    await expectCode(c.client.orders.rebook.mutate({ orderId: r.id, scheduledAt: new Date(Date.now() + 7200_000).toISOString() }), 'CONFLICT');
    await expectCode(other.client.orders.rebook.mutate({ orderId: r.id, scheduledAt: new Date(Date.now() + 7200_000).toISOString() }), 'FORBIDDEN');
  });
});

describe('no-show with a single worker', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_NO_SHOW_GRACE_SECONDS: String(GRACE_S) } });
  });
  afterAll(() => s.stop());

  it('a worker who checked in is not failed when the grace period passes', async () => {
    const typeId = await serviceType(s);
    const w = await worker(s, 'Punctual');
    const c = await s.signedIn('client');
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: new Date(Date.now() + 1500).toISOString(), place: 'Hall' });
    await issueSupplies(s, r.id, w.id);
    await w.client.orders.checkIn.mutate({ orderId: r.id, photo: jpegPhoto() });
    await new Promise((res) => setTimeout(res, (GRACE_S + 3) * 1000));
    expect((await c.client.orders.get.query({ id: r.id })).status).toBe('started');
  });

  it('the copy of a no-show goes back to the same worker when it is the only one (never "no worker")', async () => {
    const typeId = (await s.client(await s.managerToken()).orders.serviceTypes.list.query())[0].id;
    const c = await s.signedIn('client');
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: new Date(Date.now() + 1500).toISOString(), place: 'Hall' });
    const o = await failedOf(s, c.client, r.id);
    const copy = await c.client.orders.rebook.mutate({ orderId: r.id, scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
    const got = await c.client.orders.get.query({ id: copy.id });
    expect(got).toMatchObject({ status: 'matched', workerId: o.workerId, copyOf: r.id });
  });
});

function failedOf(_s: TestServer, c: any, id: string) {
  return waitFor(`order ${id} failed`, async () => {
    const o = await c.orders.get.query({ id });
    return o.status === 'failed' ? o : null;
  }, 20_000);
}
