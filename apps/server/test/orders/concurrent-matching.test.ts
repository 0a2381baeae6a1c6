// Matching runs side by side for orders that go to different workers; the chosen worker's row lock and
// a second look at its calendar keep two orders at the same time from landing on one free worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { inMinutes, serviceType, worker } from './support.ts';

describe('orders matched at once', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.stop());

  it('never give one free worker two orders at the same time while another worker is free', async () => {
    const type = await serviceType(s);
    const workers = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => worker(s, `Parallel cat ${i}`)));
    const clients = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => s.signedIn('client', `Hurried client ${i}`)));
    const at = inMinutes(24 * 60);
    // Six orders for the same hour, at once, from six clients: six workers, so each gets exactly one.
    const placed = await Promise.all(clients.map((c, i) => c.client.orders.create.mutate({ serviceTypeId: type, description: `Same hour ${i}`, scheduledAt: at, place: 'Here' })));
    expect(placed.map((o) => o.status)).toEqual(Array(6).fill('matched'));
    const rows = await s.app.db.withSchema('orders').selectFrom('orders').select(['id', 'worker_id']).where('id', 'in', placed.map((o) => o.id)).execute();
    const assigned = rows.map((r: any) => r.worker_id as string);
    expect(new Set(assigned).size).toBe(6);
    expect(assigned.every((w) => workers.some((x) => x.id === w))).toBe(true);
    // A seventh at the same hour finds everyone busy: the pipeline's fallback still places it (double booking by design).
    const seventh = await clients[0].client.orders.create.mutate({ serviceTypeId: type, description: 'One too many', scheduledAt: at, place: 'Here' });
    expect(seventh.status).toBe('matched');
    const matches = await s.app.db.withSchema('orders').selectFrom('order_match').select(['order_id', 'fallback']).where('order_id', 'in', [...placed.map((o) => o.id), seventh.id]).execute();
    expect(matches.filter((m: any) => m.fallback).map((m: any) => m.order_id)).toEqual([seventh.id]);
  });

  it('more orders at once than free workers: each free worker once, the rest by the fallback', async () => {
    const type = await serviceType(s);
    const before = await s.app.db.withSchema('orders').selectFrom('worker').select('id').execute();
    const clients = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) => s.signedIn('client', `Crowd client ${i}`)));
    // A far-off hour nobody is booked at: every worker in the roster is free for it.
    const at = inMinutes(5 * 24 * 60);
    const free = before.length;
    const placed = await Promise.all(clients.concat(clients).slice(0, free + 4).map((c, i) => c.client.orders.create.mutate({ serviceTypeId: type, description: `Crowd ${i}`, scheduledAt: at, place: 'There' })));
    const matches = await s.app.db.withSchema('orders').selectFrom('order_match').select(['worker_id', 'fallback']).where('order_id', 'in', placed.map((o) => o.id)).execute();
    const guarded = matches.filter((m: any) => !m.fallback).map((m: any) => m.worker_id as string);
    expect(guarded.length).toBe(free);
    expect(new Set(guarded).size).toBe(free);
    expect(matches.filter((m: any) => m.fallback).length).toBe(4);
  });
});
