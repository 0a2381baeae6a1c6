// Every allowed transition through the API, every refused one (CONFLICT, nothing changes), and races.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { codeOf, eventsOf, expectCode, issueSupplies, jpegPhoto, manager, serviceType, worker } from './support.ts';

describe('order lifecycle through the API', () => {
  let s: TestServer;
  let typeId: string;
  let w: Awaited<ReturnType<typeof worker>>;
  let c: Awaited<ReturnType<TestServer['signedIn']>>;
  // Our clock starts at the real time, so the real job queue (no-show checks) stays in step with it.
  const clock = new ManualClock(new Date());
  const hourAhead = () => new Date(clock.now().getTime() + 3600_000).toISOString();

  beforeAll(async () => {
    s = await startTestServer({ clock });
    typeId = await serviceType(s);
    w = await worker(s, 'Solo');
    c = await s.signedIn('client');
  });
  afterAll(() => s.stop());

  const order = async () => {
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke the box', scheduledAt: hourAhead(), place: 'Attic' });
    expect(r.status).toBe('matched');
    return (await c.client.orders.get.query({ id: r.id }))!;
  };
  const supplied = async () => {
    const o = await order();
    await issueSupplies(s, o.id, w.id);
    return o;
  };
  const onSite = (o: { scheduledAt: string }) => clock.set(new Date(Date.parse(o.scheduledAt) - 60_000));
  const started = async () => {
    const o = await supplied();
    onSite(o);
    await w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() });
    return o;
  };
  const status = async (id: string) => (await s.app.contexts.orders.facade.getOrder(id))!.status;
  /** A refused call: CONFLICT, same status, no new event. */
  const refused = async (id: string, call: () => Promise<unknown>) => {
    const before = await status(id);
    const events = (await eventsOf(s, id)).length;
    await expectCode(call(), 'CONFLICT');
    expect(await status(id)).toBe(before);
    expect((await eventsOf(s, id)).length).toBe(events);
  };

  describe('allowed', () => {
    it('matched → supplied (supplies.issued) → started (check-in) → completed (report)', async () => {
      const o = await supplied();
      expect(await status(o.id)).toBe('supplied');
      onSite(o);
      expect((await w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() })).status).toBe('started');
      expect((await w.client.orders.complete.mutate({ orderId: o.id, reportPhoto: jpegPhoto() })).status).toBe('completed');
      const types = (await eventsOf(s, o.id)).map((e) => e.type);
      expect(types).toEqual(['orders.created', 'orders.matched', 'orders.supplied', 'orders.started', 'orders.completed']);
      expect((await w.client.orders.tasks.query({ state: 'completed' })).map((t) => t.id)).toContain(o.id);
    });
    it('matched → canceled and supplied → canceled by the client', async () => {
      const a = await order();
      expect((await c.client.orders.cancel.mutate({ orderId: a.id })).status).toBe('canceled');
      const b = await supplied();
      expect((await c.client.orders.cancel.mutate({ orderId: b.id, reason: 'rain' })).status).toBe('canceled');
      expect((await w.client.orders.tasks.query({ state: 'canceled' })).map((t) => t.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    });
    it('matched, supplied and started → failed by a manager', async () => {
      const m = await manager(s);
      for (const o of [await order(), await supplied(), await started()]) {
        expect((await m.orders.admin.fail.mutate({ orderId: o.id, reason: 'worker left' })).status).toBe('failed');
      }
    });
    it('supplies.issued for an order no longer matched changes nothing (idempotent reaction)', async () => {
      const o = await order();
      await c.client.orders.cancel.mutate({ orderId: o.id });
      const n = (await eventsOf(s, o.id)).length;
      await s.app.db.transaction().execute((trx) =>
        s.app.platform.events.publish(trx, 'supplies', [{ type: 'supplies.issued', channels: [`order:${o.id}`], payload: { requestId: 'r', orderId: o.id, workerId: w.id, cookie: 'arrived', state: 'issued' } }]),
      );
      await new Promise((r) => setTimeout(r, 1500));
      expect(await status(o.id)).toBe('canceled');
      expect((await eventsOf(s, o.id)).length).toBe(n);
    });
  });

  describe('refused with CONFLICT, changing nothing', () => {
    it('check-in before supplies are issued', async () => {
      const o = await order();
      onSite(o);
      await refused(o.id, () => w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() }));
    });
    it('check-in too early and after the grace period', async () => {
      const o = await supplied();
      clock.set(new Date(Date.parse(o.scheduledAt) - 31 * 60_000));
      await refused(o.id, () => w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() }));
      clock.set(new Date(Date.parse(o.scheduledAt) + 901_000));
      await refused(o.id, () => w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() }));
      clock.set(new Date(Date.parse(o.scheduledAt) - 3600_000));
    });
    it('complete before start', async () => {
      const o = await supplied();
      await refused(o.id, () => w.client.orders.complete.mutate({ orderId: o.id, reportPhoto: jpegPhoto() }));
    });
    it('cancel once started, check in twice', async () => {
      const o = await started();
      await refused(o.id, () => c.client.orders.cancel.mutate({ orderId: o.id }));
      await refused(o.id, () => w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() }));
    });
    it('anything after completed, canceled or failed', async () => {
      const m = await manager(s);
      const done = await started();
      await w.client.orders.complete.mutate({ orderId: done.id, reportPhoto: jpegPhoto() });
      const canceled = await order();
      await c.client.orders.cancel.mutate({ orderId: canceled.id });
      const failed = await order();
      await m.orders.admin.fail.mutate({ orderId: failed.id, reason: 'test' });
      for (const o of [done, canceled, failed]) {
        await refused(o.id, () => c.client.orders.cancel.mutate({ orderId: o.id }));
        await refused(o.id, () => w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() }));
        await refused(o.id, () => w.client.orders.complete.mutate({ orderId: o.id, reportPhoto: jpegPhoto() }));
        await refused(o.id, () => m.orders.admin.fail.mutate({ orderId: o.id, reason: 'again' }));
      }
      await refused(done.id, () => c.client.orders.rebook.mutate({ orderId: done.id, scheduledAt: hourAhead() }));
      await refused(canceled.id, () => c.client.orders.rebook.mutate({ orderId: canceled.id, scheduledAt: hourAhead() }));
    });
  });

  describe('races: exactly one wins', () => {
    it('two check-ins at once', async () => {
      const o = await supplied();
      onSite(o);
      const r = await Promise.allSettled([0, 1, 2].map(() => w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() })));
      expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      expect(r.filter((x) => x.status === 'rejected').map((x) => codeOf((x as PromiseRejectedResult).reason))).toEqual(['CONFLICT', 'CONFLICT']);
      expect((await eventsOf(s, o.id)).filter((e) => e.type === 'orders.started')).toHaveLength(1);
    });
    it('check-in racing cancel', async () => {
      for (let i = 0; i < 3; i++) {
        const o = await supplied();
        onSite(o);
        const r = await Promise.allSettled([w.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() }), c.client.orders.cancel.mutate({ orderId: o.id })]);
        expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
        const final = await status(o.id);
        expect(r[0].status === 'fulfilled' ? 'started' : 'canceled').toBe(final);
        const ends = (await eventsOf(s, o.id)).filter((e) => e.type === 'orders.started' || e.type === 'orders.canceled');
        expect(ends).toHaveLength(1);
      }
    });
    it('complete racing a manager failing it', async () => {
      const m = await manager(s);
      const o = await started();
      const r = await Promise.allSettled([w.client.orders.complete.mutate({ orderId: o.id, reportPhoto: jpegPhoto() }), m.orders.admin.fail.mutate({ orderId: o.id, reason: 'x' })]);
      expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      expect(['completed', 'failed']).toContain(await status(o.id));
    });
    it('two cancels at once', async () => {
      const o = await order();
      const r = await Promise.allSettled([c.client.orders.cancel.mutate({ orderId: o.id }), c.client.orders.cancel.mutate({ orderId: o.id })]);
      expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    });
  });
});

describe('with no workers at all', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_NO_SHOW_GRACE_SECONDS: '1' } });
  });
  afterAll(() => s.stop());

  it('an order stays created, can be canceled, and waiting ones are matched when a worker appears', async () => {
    const typeId = await serviceType(s);
    const c = await s.signedIn('client');
    const at = new Date(Date.now() + 3600_000).toISOString();
    const a = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Wait', scheduledAt: at, place: 'Den' });
    const b = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Wait too', scheduledAt: at, place: 'Den' });
    // Booked for right now: by the time a worker appears, its check-in window has closed.
    const late = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Too late', scheduledAt: new Date(Date.now() + 500).toISOString(), place: 'Den' });
    await new Promise((r) => setTimeout(r, 2000));
    expect([a.status, b.status]).toEqual(['created', 'created']);
    expect((await c.client.orders.cancel.mutate({ orderId: b.id })).status).toBe('canceled');
    const w = await worker(s, 'Late');
    const { waitFor } = await import('./support.ts');
    const o = await waitFor('order matched', async () => {
      const x = await c.client.orders.get.query({ id: a.id });
      return x.status === 'matched' ? x : null;
    });
    expect(o).toMatchObject({ workerId: w.id, priceCents: 10_000 });
    expect((await c.client.orders.get.query({ id: b.id })).status).toBe('canceled');
    // The late one was not handed to the newcomer (it would be an instant no-show); the client may cancel it.
    expect((await c.client.orders.get.query({ id: late.id })).status).toBe('created');
    expect((await c.client.orders.cancel.mutate({ orderId: late.id })).status).toBe('canceled');
  });
});
