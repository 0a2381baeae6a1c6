// Who may read and change which order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { expectCode, issueSupplies, jpegPhoto, manager, serviceType, waitFor, worker } from './support.ts';

describe('orders authorization', () => {
  let s: TestServer;
  let typeId: string;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    s = await startTestServer({ clock });
    typeId = await serviceType(s);
  });
  afterAll(() => s.stop());

  it('a client cannot read or change another client\'s order; a worker only its tasks; managers see all', async () => {
    const w1 = await worker(s, 'One');
    const owner = await s.signedIn('client');
    const at = new Date(clock.now().getTime() + 3600_000).toISOString();
    const r = await owner.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Mine', scheduledAt: at, place: 'Here' });
    const o = await owner.client.orders.get.query({ id: r.id });
    expect(o.workerId).toBe(w1.id);
    const w2 = await worker(s, 'Two');
    const stranger = await s.signedIn('client');
    const clerk = await s.signedIn('clerk');

    await expectCode(stranger.client.orders.get.query({ id: o.id }), 'FORBIDDEN');
    await expectCode(stranger.client.orders.cancel.mutate({ orderId: o.id }), 'FORBIDDEN');
    await expectCode(stranger.client.orders.photo.query({ orderId: o.id, kind: 'check_in' }), 'FORBIDDEN');
    expect(await stranger.client.orders.mine.query()).toEqual([]);
    await expectCode(clerk.client.orders.get.query({ id: o.id }), 'FORBIDDEN');
    await expectCode(w2.client.orders.get.query({ id: o.id }), 'FORBIDDEN');
    expect(await w2.client.orders.tasks.query()).toEqual([]);

    await issueSupplies(s, o.id, w1.id);
    clock.set(new Date(Date.parse(at) - 60_000));
    await expectCode(w2.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() }), 'FORBIDDEN');
    await w1.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() });
    await expectCode(w2.client.orders.complete.mutate({ orderId: o.id, reportPhoto: jpegPhoto() }), 'FORBIDDEN');

    // Wrong roles for role-bound procedures.
    await expectCode(w1.client.orders.create.mutate({ serviceTypeId: typeId, description: 'x', scheduledAt: at, place: 'x' }), 'FORBIDDEN');
    await expectCode(owner.client.orders.checkIn.mutate({ orderId: o.id, photo: jpegPhoto() }), 'FORBIDDEN');
    await expectCode(owner.client.orders.tasks.query(), 'FORBIDDEN');
    await expectCode(owner.client.orders.serviceTypes.create.mutate({ name: 'x', description: 'y' }), 'FORBIDDEN');
    await expectCode(owner.client.orders.admin.list.query(), 'FORBIDDEN');
    await expectCode(w1.client.orders.admin.explain.query({ orderId: o.id }), 'FORBIDDEN');
    await expectCode(s.anon.orders.get.query({ id: o.id }), 'UNAUTHORIZED');
    await expectCode(s.anon.orders.serviceTypes.list.query(), 'UNAUTHORIZED');

    // The client, the worker and managers all see the order and its check-in photo.
    const m = await manager(s);
    for (const who of [owner.client, w1.client, m]) {
      expect((await who.orders.get.query({ id: o.id })).status).toBe('started');
      const p = await who.orders.photo.query({ orderId: o.id, kind: 'check_in' });
      expect(p).toMatchObject({ mimeType: 'image/jpeg', dataBase64: jpegPhoto().dataBase64 });
    }
    await expectCode(owner.client.orders.photo.query({ orderId: o.id, kind: 'report' }), 'NOT_FOUND');
  });

  it('live status only for the order\'s client, its worker and managers', async () => {
    const owner = await s.signedIn('client');
    const stranger = await s.signedIn('client');
    const r = await owner.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Live', scheduledAt: new Date(clock.now().getTime() + 7200_000).toISOString(), place: 'Here' });
    const errors: unknown[] = [];
    const sub = stranger.client.orders.onStatus.subscribe({ orderId: r.id }, { onError: (e) => errors.push(e) });
    await waitFor('refusal', async () => errors.length > 0);
    sub.unsubscribe();
    expect((errors[0] as any).data?.code).toBe('FORBIDDEN');
    const seen: any[] = [];
    const m = await manager(s);
    const sub2 = m.orders.onStatus.subscribe({ orderId: r.id }, { onData: (d) => seen.push(d) });
    await waitFor('manager sees the order', async () => seen.length >= 2);
    sub2.unsubscribe();
  });
});
