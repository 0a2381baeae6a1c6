import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type Client } from '../support/harness.ts';
import { codeOf, feed, lifecycle } from './support.ts';

describe('submitting a review', () => {
  let s: TestServer;
  let m: Client;
  beforeAll(async () => {
    s = await startTestServer();
    m = s.client(await s.managerToken());
  });
  afterAll(() => s.stop());

  async function queued(end: 'failed' | 'canceled', workerId?: string) {
    const snaps = lifecycle(end, workerId ? { workerId } : {});
    await feed(s, snaps);
    const item = (await m.quality.queue.query()).find((q) => q.orderId === snaps[0].orderId)!;
    return { reviewId: item.id, orderId: snaps[0].orderId, workerId: snaps[0].workerId };
  }

  it('records the form, links hypotheses by normalised text, publishes quality.reviewSubmitted and leaves the queue', async () => {
    const a = await queued('failed');
    const b = await queued('canceled');
    const causes = await m.quality.causes.list.query();
    expect(causes.length).toBeGreaterThan(0);
    const late = causes.find((c) => c.label === 'Worker was late')!;

    const first = await m.quality.submit.mutate({
      reviewId: a.reviewId,
      findings: 'The worker arrived an hour late; the client had gone out.',
      verdict: 'worker_fault',
      causeIds: [late.id],
      otherCauses: ['Rain', 'rain.'],
      hypotheses: ['Text workers a reminder an hour before', 'Give workers a map'],
    });
    expect(first.hypothesisIds).toHaveLength(2);
    // The same idea typed differently, plus an existing one by id, add up rather than duplicate.
    const hs = await m.quality.hypotheses.list.query();
    const map = hs.find((h) => h.text === 'Give workers a map')!;
    await m.quality.submit.mutate({
      reviewId: b.reviewId,
      findings: 'Client canceled: could not explain the way.',
      verdict: 'client_fault',
      hypotheses: ['  text WORKERS a reminder an hour before. '],
      hypothesisIds: [map.id],
    });
    const after = await m.quality.hypotheses.list.query();
    expect(after.filter((h) => h.support > 0).map((h) => [h.text, h.support])).toEqual([
      ['Give workers a map', 2],
      ['Text workers a reminder an hour before', 2],
    ]);

    const queue = await m.quality.queue.query();
    expect(queue.some((q) => q.id === a.reviewId || q.id === b.reviewId)).toBe(false);

    const r = await m.quality.review.query({ reviewId: a.reviewId });
    expect(r.review).toMatchObject({ status: 'submitted', verdict: 'worker_fault', otherCauses: ['Rain'] });
    expect(r.review.causes).toEqual([{ id: late.id, label: 'Worker was late' }]);
    expect(r.review.hypotheses.map((h) => h.text).sort()).toEqual(['Give workers a map', 'Text workers a reminder an hour before']);

    const events = await s.app.db.withSchema('platform').selectFrom('event_log').selectAll().where('type', '=', 'quality.reviewSubmitted').orderBy('id').execute();
    expect(events.map((e) => e.payload)).toEqual([
      {
        reviewId: a.reviewId,
        orderId: a.orderId,
        workerId: a.workerId,
        reason: 'failed',
        verdict: 'worker_fault',
        findings: 'The worker arrived an hour late; the client had gone out.',
        hypotheses: ['Give workers a map', 'Text workers a reminder an hour before'],
      },
      expect.objectContaining({ reviewId: b.reviewId, reason: 'canceled', verdict: 'client_fault' }),
    ]);
    expect(events[0].channels).toEqual(['quality']);

    const stats = await m.quality.stats.query();
    expect(stats.topHypotheses.map((h) => h.support)).toEqual([2, 2]);
    expect(stats.topCauses).toEqual([expect.objectContaining({ id: late.id, support: 1 })]);
    expect(stats.topOtherCauses).toEqual([{ text: 'Rain', count: 1 }]);
    expect(stats.reviews).toMatchObject({ submitted: 2, byVerdict: { worker_fault: 1, client_fault: 1 } });
  });

  it('a review is submitted once; a rejected submit changes nothing', async () => {
    const a = await queued('failed');
    await m.quality.submit.mutate({ reviewId: a.reviewId, findings: 'Fine', hypotheses: [] });
    await expect(m.quality.submit.mutate({ reviewId: a.reviewId, findings: 'Again', hypotheses: ['x'] })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT');
    expect((await m.quality.review.query({ reviewId: a.reviewId })).review).toMatchObject({ findings: 'Fine', verdict: 'unclear', hypotheses: [] });

    const b = await queued('failed');
    const before = (await m.quality.hypotheses.list.query()).length;
    const bad = await m.quality.submit
      .mutate({ reviewId: b.reviewId, findings: 'x', hypotheses: ['A new idea'], causeIds: ['00000000-0000-4000-8000-000000000000'] })
      .catch((e) => e);
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/causeIds/);
    expect((await m.quality.hypotheses.list.query()).length).toBe(before);
    expect((await m.quality.review.query({ reviewId: b.reviewId })).review.status).toBe('open');

    await expect(m.quality.submit.mutate({ reviewId: b.reviewId, findings: '   ', hypotheses: [] })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST');
    await expect(m.quality.submit.mutate({ reviewId: b.reviewId, findings: 'x', hypotheses: [], verdict: 'whatever' as never })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST');
    await expect(m.quality.submit.mutate({ reviewId: '00000000-0000-4000-8000-000000000000', findings: 'x', hypotheses: [] })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
  });

  it('two managers submitting the same review at once: one wins, the other gets CONFLICT, one event', async () => {
    const a = await queued('canceled');
    const other = s.client((await s.signedIn('manager')).token);
    const results = await Promise.all([
      m.quality.submit.mutate({ reviewId: a.reviewId, findings: 'First', hypotheses: ['Race idea one'] }).then(() => 'OK', codeOf),
      other.quality.submit.mutate({ reviewId: a.reviewId, findings: 'Second', hypotheses: ['Race idea two'] }).then(() => 'OK', codeOf),
    ]);
    expect(results.sort()).toEqual(['CONFLICT', 'OK']);
    const events = await s.app.db.withSchema('platform').selectFrom('event_log').selectAll().where('type', '=', 'quality.reviewSubmitted').execute();
    expect(events.filter((e) => (e.payload as { reviewId: string }).reviewId === a.reviewId)).toHaveLength(1);
    const texts = (await m.quality.hypotheses.list.query()).map((h) => h.text);
    // The loser's hypothesis was rolled back with it.
    expect(texts.filter((t) => t.startsWith('Race idea'))).toHaveLength(1);
  });

  it('managers keep the list of causes', async () => {
    const { id } = await m.quality.causes.create.mutate({ label: 'Cookie  arrived late' });
    await expect(m.quality.causes.create.mutate({ label: 'cookie arrived late.' })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT');
    await m.quality.causes.update.mutate({ id, label: 'Fortune cookie arrived late' });
    expect((await m.quality.causes.list.query()).find((c) => c.id === id)?.label).toBe('Fortune cookie arrived late');
    await m.quality.causes.update.mutate({ id, active: false });
    expect((await m.quality.causes.list.query()).some((c) => c.id === id)).toBe(false);
    expect((await m.quality.causes.list.query({ includeRetired: true })).find((c) => c.id === id)?.active).toBe(false);
    const q = await queued('canceled');
    await expect(m.quality.submit.mutate({ reviewId: q.reviewId, findings: 'x', hypotheses: [], causeIds: [id] })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST');
    await expect(m.quality.causes.update.mutate({ id: '00000000-0000-4000-8000-000000000000', active: true })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    await expect(m.quality.causes.create.mutate({ label: '  ' })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST');
  });
});
