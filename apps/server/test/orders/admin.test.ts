// Managers: service types, all orders with filters, history, matching explanation, pipeline config,
// and the roster facts that matching reads (traits from hiring, findings from quality).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, newId } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { codeOf, eventsOf, expectCode, issueSupplies, jpegPhoto, manager, waitFor, worker } from './support.ts';

describe('orders: managers', () => {
  let s: TestServer;
  const clock = new ManualClock(new Date());
  const later = (h = 1) => new Date(clock.now().getTime() + h * 3600_000).toISOString();
  beforeAll(async () => {
    s = await startTestServer({ clock });
  });
  afterAll(() => s.stop());

  const publish = (context: string, type: string, payload: unknown, channels: string[] = []) =>
    s.app.db.transaction().execute((trx) => s.app.platform.events.publish(trx, context, [{ type, channels, payload }]));

  it('service types: create, edit, retire; a retired type is hidden from clients and takes no orders', async () => {
    const m = await manager(s);
    const { id } = await m.orders.serviceTypes.create.mutate({ name: 'Toss jars', description: 'Jars, tossed' });
    await expectCode(m.orders.serviceTypes.create.mutate({ name: 'toss JARS', description: 'again' }), 'CONFLICT');
    const edited = await m.orders.serviceTypes.update.mutate({ id, description: 'Jars, tossed gently', durationMinutes: 90 });
    expect(edited).toMatchObject({ id, name: 'Toss jars', description: 'Jars, tossed gently', durationMinutes: 90, retired: false });
    const c = await s.signedIn('client');
    expect((await c.client.orders.serviceTypes.list.query()).map((t) => t.id)).toContain(id);
    await m.orders.serviceTypes.retire.mutate({ id });
    expect((await c.client.orders.serviceTypes.list.query()).map((t) => t.id)).not.toContain(id);
    expect((await c.client.orders.serviceTypes.list.query({ includeRetired: true })).map((t) => t.id)).not.toContain(id);
    expect((await m.orders.serviceTypes.list.query({ includeRetired: true })).find((t) => t.id === id)?.retired).toBe(true);
    // The name is free again once retired.
    await m.orders.serviceTypes.create.mutate({ name: 'Toss jars', description: 'v2' });
    await expectCode(m.orders.serviceTypes.update.mutate({ id: newId() }), 'NOT_FOUND');
  });

  it('traits from hiring and findings from quality reach the roster matching reads', async () => {
    const m = await manager(s);
    const w = await worker(s, 'Trait');
    await publish('hiring', 'hiring.candidateAccepted', { applicationId: 'app-1', workerId: w.id, name: 'Trait', traits: { agility: 0.9, patience: -0.4, bogus: 'x' } }, ['hiring']);
    const facts = await waitFor('traits', async () => (await m.orders.admin.workers.query()).find((x) => x.workerId === w.id && Object.keys(x.traits).length > 0));
    expect(facts.traits).toEqual({ agility: 0.9, patience: -0.4 });
    const orderId = newId();
    await publish('quality', 'quality.reviewSubmitted', { reviewId: 'rev-1', orderId, workerId: w.id, reason: 'failed', verdict: 'worker_fault', findings: 'late', hypotheses: [] }, ['quality']);
    const f = await waitFor('finding', async () => (await m.orders.admin.workers.query()).find((x) => x.workerId === w.id && x.faultFindings === 1));
    expect(f.reviews).toBe(1);
  });

  it('all orders with filters, one order\'s history with photos, and why its worker was chosen', async () => {
    const m = await manager(s);
    const typeId = (await m.orders.serviceTypes.list.query())[0].id;
    const w = await worker(s, 'Hist');
    const c1 = await s.signedIn('client');
    const c2 = await s.signedIn('client');
    const at = later(3);
    const a = await c1.client.orders.create.mutate({ serviceTypeId: typeId, description: 'A', scheduledAt: at, place: 'P' });
    const b = await c2.client.orders.create.mutate({ serviceTypeId: typeId, description: 'B', scheduledAt: later(30), place: 'P' });
    await c2.client.orders.cancel.mutate({ orderId: b.id });

    const byClient = await m.orders.admin.list.query({ clientId: c1.id });
    expect(byClient.orders.map((o) => o.id)).toEqual([a.id]);
    const canceled = await m.orders.admin.list.query({ status: ['canceled'] });
    expect(canceled.orders.map((o) => o.id)).toContain(b.id);
    expect(canceled.orders.every((o) => o.status === 'canceled')).toBe(true);
    const window = await m.orders.admin.list.query({ from: later(29), to: later(31) });
    expect(window.orders.map((o) => o.id)).toEqual([b.id]);
    const page = await m.orders.admin.list.query({ limit: 1 });
    expect(page.orders).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);

    const ao = await c1.client.orders.get.query({ id: a.id });
    // 'Trait' has a fault finding against it, so the clean newcomer wins.
    expect(ao.workerId).toBe(w.id);
    {
      await issueSupplies(s, a.id, w.id);
      clock.set(new Date(Date.parse(at) - 60_000));
      await w.client.orders.checkIn.mutate({ orderId: a.id, photo: jpegPhoto() });
      await w.client.orders.complete.mutate({ orderId: a.id, reportPhoto: jpegPhoto() });
    }
    const h = await m.orders.admin.history.query({ orderId: a.id });
    expect(h.timeline[0]).toMatchObject({ from: null, to: 'created', actor: 'client', actorId: c1.id });
    expect(h.timeline[1]).toMatchObject({ from: 'created', to: 'matched', actor: 'system' });
    expect(h.matches[0]).toMatchObject({ workerId: ao.workerId, pipelineVersion: 1 });
    {
      expect(h.timeline.map((t) => t.to)).toEqual(['created', 'matched', 'supplied', 'started', 'completed']);
      expect(h.photos.map((p) => p.kind)).toEqual(['check_in', 'report']);
      expect((await c1.client.orders.photo.query({ orderId: a.id, kind: 'report' })).mimeType).toBe('image/jpeg');
    }
    expect(await s.app.contexts.orders.facade.history(a.id)).toMatchObject({ order: { orderId: a.id } });

    const why = await m.orders.admin.explain.query({ orderId: a.id });
    const e = why.matches[0].explanation;
    expect(e.pipelineVersion).toBe(1);
    expect(e.chosen.id).toBe(ao.workerId);
    expect(Object.keys(e.chosen.scores)).toEqual(['available', 'another-worker-on-rebook', 'reliability', 'quality', 'traits', 'load-balance']);
    expect(e.candidates).toBeGreaterThanOrEqual(2);
    await expectCode(m.orders.admin.history.query({ orderId: newId() }), 'NOT_FOUND');
  });

  it('the pipeline is configuration: a new version with an added step takes effect and is recorded', async () => {
    const m = await manager(s);
    const typeId = (await m.orders.serviceTypes.list.query())[0].id;
    const cur = await m.orders.admin.pipeline.get.query();
    expect(cur.version).toBeGreaterThanOrEqual(1);
    const kinds = await m.orders.admin.pipeline.stepKinds.query();
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['available', 'trait', 'shortlist']));

    const bad = await m.orders.admin.pipeline.set.mutate({ config: { steps: [{ name: 'x', kind: 'astrology' }] } }).catch((e) => e);
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/astrology/);

    // A patient worker appears; a step favouring patience, added by configuration, must pick it.
    const patient = await worker(s, 'Patient');
    await publish('hiring', 'hiring.candidateAccepted', { applicationId: 'app-2', workerId: patient.id, name: 'Patient', traits: { patience: 1, agility: -1 } });
    await waitFor('patient traits', async () => (await m.orders.admin.workers.query()).find((x) => x.workerId === patient.id && x.traits.patience === 1));
    const config = { steps: [...(cur.config.steps as any[]), { name: 'patience-first', kind: 'trait', weight: 100, params: { trait: 'patience' } }] };
    const { version } = await m.orders.admin.pipeline.set.mutate({ config, note: 'patience matters', basedOnVersion: cur.version });
    expect(version).toBe(cur.version + 1);
    await expectCode(m.orders.admin.pipeline.set.mutate({ config, basedOnVersion: cur.version }), 'CONFLICT');
    expect((await m.orders.admin.pipeline.versions.query())[0]).toMatchObject({ version, note: 'patience matters' });

    const c = await s.signedIn('client');
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Needs patience', scheduledAt: later(50), place: 'P' });
    expect((await c.client.orders.get.query({ id: r.id })).workerId).toBe(patient.id);
    const why = await m.orders.admin.explain.query({ orderId: r.id });
    expect(why.matches[0].pipelineVersion).toBe(version);
    expect(why.matches[0].explanation.chosen.scores['patience-first']).toMatchObject({ raw: 1, weighted: 100 });
  });

  it('a manager re-matches a matched order to another worker; the event names the previous one', async () => {
    const m = await manager(s);
    const typeId = (await m.orders.serviceTypes.list.query())[0].id;
    const c = await s.signedIn('client');
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Rematch me', scheduledAt: later(70), place: 'P' });
    const before = await c.client.orders.get.query({ id: r.id });
    const after = await m.orders.admin.rematch.mutate({ orderId: r.id, reason: 'worker ill' });
    expect(after.status).toBe('matched');
    expect(after.workerId).not.toBe(before.workerId);
    const ev = (await eventsOf(s, r.id)).at(-1)!;
    expect(ev).toMatchObject({ type: 'orders.matched', payload: { workerId: after.workerId, previousWorkerId: before.workerId } });
    expect(ev.channels).toEqual(expect.arrayContaining([`worker:${after.workerId}`, `worker:${before.workerId}`]));
    const why = await m.orders.admin.explain.query({ orderId: r.id });
    expect(why.matches).toHaveLength(2);
    expect(why.matches[0].workerId).toBe(after.workerId);
    // Once supplies are issued to the worker, re-matching is refused.
    await issueSupplies(s, r.id, after.workerId!);
    await expectCode(m.orders.admin.rematch.mutate({ orderId: r.id }), 'CONFLICT');
  });
});
