import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReaction, type Reaction } from '@mcf/kernel';
import { startTestServer, type TestServer, type Client } from '../support/harness.ts';
import { codeOf, feed, handled, lifecycle, publishOrders, snapshot, waitFor } from './support.ts';

describe('the review queue fills itself from failed and canceled orders', () => {
  let s: TestServer;
  let m: Client;
  beforeAll(async () => {
    s = await startTestServer();
    m = s.client(await s.managerToken());
  });
  afterAll(() => s.stop());

  it('a failed and a canceled order each appear once; a completed one does not', async () => {
    const failed = lifecycle('failed', { noShow: true, reason: 'no_show' });
    const canceled = lifecycle('canceled', { reason: 'changed my mind' });
    const completed = lifecycle('completed');
    await feed(s, [...failed, ...canceled, ...completed]);
    const q = await m.quality.queue.query();
    const mine = q.filter((r) => [failed[0].orderId, canceled[0].orderId, completed[0].orderId].includes(r.orderId));
    expect(mine.map((r) => [r.orderId, r.reason]).sort()).toEqual(
      [
        [failed[0].orderId, 'failed'],
        [canceled[0].orderId, 'canceled'],
      ].sort(),
    );
    expect(mine.find((r) => r.reason === 'failed')).toMatchObject({ noShow: true, serviceTypeName: 'Toss jars' });
  });

  it('the same event delivered twice, and the same state published twice, still queue once', async () => {
    const failed = snapshot({ status: 'failed', reason: 'worker hurt a paw' });
    const [eventId] = await publishOrders(s, [failed]);
    await handled(s, [eventId]);
    // A redelivered job: the kernel's runner finds the "handled" mark and does nothing.
    const reactions = new Map<string, Reaction>(s.app.contexts.quality.reactions.map((r) => [r.name, r]));
    await runReaction(s.app.db, reactions, 'quality.projectOrders', eventId);
    // Even past the mark, running the reaction again on the same event changes nothing.
    const stored = await s.app.db.withSchema('platform').selectFrom('event_log').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    const reaction = reactions.get('quality.projectOrders')!;
    for (let i = 0; i < 2; i++) {
      await s.app.db.transaction().execute((trx) => reaction.run(trx, { id: Number(stored.id), context: stored.context, type: stored.type, channels: stored.channels, payload: stored.payload, at: stored.at }));
    }
    // And orders publishing the same transition twice (a second event) is also one review.
    await feed(s, [failed, { ...failed, at: '2026-01-06T11:00:00.000Z' }]);
    const q = await m.quality.queue.query();
    expect(q.filter((r) => r.orderId === failed.orderId)).toHaveLength(1);
    const timeline = await s.app.db.withSchema('quality').selectFrom('order_event').select('event_id').where('order_id', '=', failed.orderId).execute();
    expect(timeline).toHaveLength(3); // three distinct events, each recorded once
  });

  it('an older event handled late never rolls the projection back', async () => {
    const snaps = lifecycle('completed');
    const reaction = s.app.contexts.quality.reactions.find((r) => r.name === 'quality.projectOrders')!;
    // Handle the five events of one order in reverse: the newest (highest id) must win.
    const base = 9_000_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
    for (let i = snaps.length - 1; i >= 0; i--) {
      const p = snaps[i];
      await s.app.db.transaction().execute((trx) => reaction.run(trx, { id: base + i, context: 'orders', type: `orders.${p.status}`, channels: [], payload: p, at: new Date() }));
    }
    const row = await s.app.db.withSchema('quality').selectFrom('order_fact').select(['status', 'ended_at', 'last_event_id']).where('order_id', '=', snaps[0].orderId).executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
    expect(row.ended_at).not.toBeNull();
    expect(Number(row.last_event_id)).toBe(base + snaps.length - 1);
  });

  it('a review shows the order, its timeline, worker, client contact and supplies', async () => {
    const worker = await s.signedIn('worker', 'Garfield');
    const client = await s.signedIn('client', 'Biscuit');
    const snaps = lifecycle('failed', { workerId: worker.id, clientId: client.id, reason: 'jar broke' });
    await feed(s, snaps);
    const supplyIds = await s.app.platform.db.transaction().execute((trx) =>
      s.app.platform.events.publish(trx, 'supplies', [
        { type: 'supplies.requestOpened', channels: ['clerks'], payload: { requestId: 'req-1', orderId: snaps[0].orderId, workerId: worker.id, cookie: 'pending', state: 'open' } },
        { type: 'supplies.issued', channels: ['clerks'], payload: { requestId: 'req-1', orderId: snaps[0].orderId, workerId: worker.id, cookie: 'arrived', state: 'issued' } },
      ]),
    );
    await handled(s, supplyIds.map((e) => e.id), 'quality.projectSupplies');
    const item = (await m.quality.queue.query()).find((r) => r.orderId === snaps[0].orderId)!;
    const r = await m.quality.review.query({ reviewId: item.id });
    expect(r.review).toMatchObject({ id: item.id, reason: 'failed', status: 'open' });
    expect(r.order).toMatchObject({ orderId: snaps[0].orderId, status: 'failed', serviceTypeName: 'Toss jars', reason: 'jar broke', place: 'Box 7, Litter Lane' });
    expect(r.timeline.map((t) => t.status)).toEqual(['created', 'matched', 'supplied', 'started', 'failed']);
    expect(r.worker).toMatchObject({ id: worker.id, name: 'Garfield', email: worker.email });
    expect(r.client).toMatchObject({ id: client.id, name: 'Biscuit', email: client.email });
    // (The real supplies context also reacts to the hand-published orders events with its own request.)
    expect(r.supplies).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: 'req-1', state: 'issued', cookie: 'arrived', lastEvent: 'supplies.issued' })]));
    expect(r.workerRecord).toMatchObject({ failed: 1 });
    expect(item).toMatchObject({ workerId: worker.id, workerName: 'Garfield' });
  });

  it('managers watch the queue live, and resume from lastEventId', async () => {
    const seen: { id: string; data: { type: string; orderId: string; reason: string } }[] = [];
    const sub = m.quality.onQueue.subscribe({}, { onData: (d) => seen.push(d as never) });
    await new Promise((r) => setTimeout(r, 300));
    const failed = lifecycle('failed');
    await feed(s, failed);
    const got = await waitFor('the live queue event', async () => seen.find((e) => e.data.orderId === failed[0].orderId));
    expect(got.data).toMatchObject({ type: 'quality.reviewQueued', reason: 'failed' });
    sub.unsubscribe();
    // Resuming from before that event replays it.
    const replay: typeof seen = [];
    const again = m.quality.onQueue.subscribe({ lastEventId: String(Number(got.id) - 1) }, { onData: (d) => replay.push(d as never) });
    await waitFor('the replayed event', async () => replay.find((e) => e.id === got.id));
    again.unsubscribe();
  });

  it('an unknown review is NOT_FOUND, a malformed id BAD_REQUEST', async () => {
    await expect(m.quality.review.query({ reviewId: '00000000-0000-4000-8000-000000000000' })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    await expect(m.quality.review.query({ reviewId: 'nope' })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST');
  });
});
