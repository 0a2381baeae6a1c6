// End to end through the real orders context: orders end (canceled, no-show, completed), quality
// queues and draws them, a review shows orders' own history and photos, and the submitted review
// reaches matching (orders' findings reaction) and the statistics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type Client } from '../support/harness.ts';
import { issueSupplies, JPEG, jpegPhoto, serviceType, worker } from '../orders/support.ts';
import { waitFor } from './support.ts';

describe('quality through real orders', () => {
  let s: TestServer;
  let m: Client;
  let typeId: string;
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_NO_SHOW_GRACE_SECONDS: '2' } });
    m = s.client(await s.managerToken());
    typeId = await serviceType(s, 'Toss jars');
  });
  afterAll(() => s.stop());

  const queued = (orderId: string) => waitFor(`order ${orderId} in the queue`, async () => (await m.quality.queue.query()).find((q) => q.orderId === orderId));

  it('canceled, no-show and completed orders: queue, draw, review with history and photos, findings to matching, statistics', async () => {
    const w = await worker(s, 'Garfield');
    const c = await s.signedIn('client', 'Biscuit');
    const soon = () => new Date(Date.now() + 1500).toISOString();
    const later = new Date(Date.now() + 86_400_000).toISOString();

    // 1. A canceled order queues itself.
    const canceled = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss the blue jar', scheduledAt: later, place: 'Kitchen' });
    await c.client.orders.cancel.mutate({ orderId: canceled.id, reason: 'changed my mind' });
    const qc = await queued(canceled.id);
    expect(qc.reason).toBe('canceled');

    // 2. A no-show fails by itself and queues itself.
    const absent = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss the red jar', scheduledAt: soon(), place: 'Hall' });
    await issueSupplies(s, absent.id, w.id);
    const qf = await queued(absent.id);
    expect(qf).toMatchObject({ reason: 'failed', noShow: true });

    // 3. A completed order is only reviewed when drawn.
    const done = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss the green jar', scheduledAt: soon(), place: 'Garden' });
    await issueSupplies(s, done.id, w.id);
    await w.client.orders.checkIn.mutate({ orderId: done.id, photo: jpegPhoto() });
    await w.client.orders.complete.mutate({ orderId: done.id, reportPhoto: jpegPhoto() });
    await waitFor('the completed order projected', async () =>
      (await m.quality.stats.query({ serviceTypeId: typeId })).totals.completed === 1,
    );
    const drawn = await m.quality.pickRandom.mutate({ serviceTypeId: typeId });
    expect(drawn.orderId).toBe(done.id);
    await expect(m.quality.pickRandom.mutate({ serviceTypeId: typeId })).rejects.toThrow();

    // The review of the completed order: orders' own history, both photos, the client's contact.
    const r = await m.quality.review.query({ reviewId: drawn.id });
    expect(r.order).toMatchObject({ status: 'completed', serviceTypeName: 'Toss jars', place: 'Garden' });
    const history = r.history as { timeline: { to: string }[]; photos: { kind: string }[] };
    expect(history.timeline.map((t) => t.to)).toEqual(expect.arrayContaining(['matched', 'supplied', 'started', 'completed']));
    expect(history.photos.map((p) => p.kind).sort()).toEqual(['check_in', 'report']);
    const photo = await m.quality.photo.query({ reviewId: drawn.id, kind: 'report' });
    expect(Buffer.from(photo.dataBase64, 'base64').equals(JPEG)).toBe(true);
    expect(r.client).toMatchObject({ id: c.id, name: 'Biscuit', email: c.email });
    expect(r.worker).toMatchObject({ id: w.id, name: 'Garfield' });

    // 4. The no-show review is submitted; matching learns of it through quality.reviewSubmitted.
    await m.quality.submit.mutate({ reviewId: qf.id, findings: 'Garfield overslept.', verdict: 'worker_fault', hypotheses: ['Send workers a reminder'] });
    await waitFor('orders to record the finding', async () =>
      s.app.db.withSchema('orders').selectFrom('worker_finding').selectAll().where('review_id', '=', qf.id).executeTakeFirst(),
    );

    // 5. Statistics of this service type: 3 ended — 1 completed, 1 failed (no-show), 1 canceled.
    const st = await m.quality.stats.query({ serviceTypeId: typeId });
    expect(st.totals).toMatchObject({ ended: 3, completed: 1, failed: 1, noShow: 1, canceled: 1 });
    expect(st.byWorker.find((x) => x.key === w.id)).toMatchObject({ label: 'Garfield' });
    expect(st.topHypotheses).toEqual([expect.objectContaining({ text: 'Send workers a reminder', support: 1 })]);
  });
});
