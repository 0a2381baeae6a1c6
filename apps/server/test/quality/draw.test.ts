import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawIndex, seededRng } from '@mcf/quality';
import { startTestServer, type TestServer, type Client } from '../support/harness.ts';
import { codeOf, feed, lifecycle, snapshot } from './support.ts';

describe('drawing a completed order at random', () => {
  let s: TestServer;
  let m: Client;
  const completedIds: string[] = [];
  let pokeId = '';
  let otherIds: string[] = [];
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_QUALITY_DRAW_SEED: '20260105' } });
    m = s.client(await s.managerToken());
    // 6 completed jars orders in January, 1 completed poke order in February, and orders that must never be drawn.
    const snaps = [];
    for (let i = 0; i < 6; i++) {
      const l = lifecycle('completed', { scheduledAt: `2026-01-${String(10 + i).padStart(2, '0')}T10:00:00.000Z` });
      completedIds.push(l[0].orderId);
      snaps.push(...l);
    }
    const poke = lifecycle('completed', { serviceTypeId: 'st-poke', serviceTypeName: 'Poke things', scheduledAt: '2026-02-03T10:00:00.000Z' });
    pokeId = poke[0].orderId;
    const failed = lifecycle('failed');
    const canceled = lifecycle('canceled');
    const open = [snapshot({ status: 'started' }), snapshot({ status: 'matched' })];
    otherIds = [failed[0].orderId, canceled[0].orderId, ...open.map((o) => o.orderId)];
    await feed(s, [...snaps, ...poke, ...failed, ...canceled, ...open]);
  });
  afterAll(() => s.stop());

  it('within a service type and a date range', async () => {
    const r = await m.quality.pickRandom.mutate({ serviceTypeId: 'st-poke' });
    expect(r.orderId).toBe(pokeId);
    await expect(m.quality.pickRandom.mutate({ serviceTypeId: 'st-poke' })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    const inRange = await m.quality.pickRandom.mutate({ from: '2026-01-12', to: '2026-01-12' });
    expect(inRange.orderId).toBe(completedIds[2]);
    await expect(m.quality.pickRandom.mutate({ from: '2026-01-12T00:00:00Z', to: '2026-01-12T23:59:59Z' })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
  });

  it('never returns a reviewed or a non-completed order, and each completed order once', async () => {
    const drawn = new Set<string>();
    const reviewIds = new Set<string>();
    for (;;) {
      const r = await m.quality.pickRandom.mutate().catch((e) => e);
      if (codeOf(r) === 'NOT_FOUND') break;
      expect(otherIds).not.toContain(r.orderId);
      expect(drawn.has(r.orderId)).toBe(false);
      drawn.add(r.orderId);
      reviewIds.add(r.id);
    }
    // The four left after the first test (one poke, one in range already drawn).
    expect([...drawn].sort()).toEqual(completedIds.filter((_, i) => i !== 2).sort());
    const queue = await m.quality.queue.query();
    const random = queue.filter((q) => q.reason === 'random');
    expect(random).toHaveLength(7);
    for (const id of reviewIds) expect(random.some((q) => q.id === id)).toBe(true);
    // failed and canceled ones are in the queue by themselves, not by a draw
    expect(queue.filter((q) => q.reason !== 'random').map((q) => q.orderId).sort()).toEqual(otherIds.slice(0, 2).sort());
  });

  it('a date range must be dates', async () => {
    await expect(m.quality.pickRandom.mutate({ from: 'yesterday' })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST');
  });
});

describe('the database draw is the pure uniform draw over the eligible set', () => {
  let s: TestServer;
  let m: Client;
  const seed = 777;
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_QUALITY_DRAW_SEED: String(seed) } });
    m = s.client(await s.managerToken());
  });
  afterAll(() => s.stop());

  it('draw k picks eligible[drawIndex(count, rng)] in order-id order, with the same seeded generator', async () => {
    const snaps = Array.from({ length: 12 }, () => lifecycle('completed')).flat();
    await feed(s, [...snaps, ...lifecycle('failed')]);
    const eligible = [...new Set(snaps.map((x) => x.orderId))].sort();
    const rng = seededRng(seed);
    for (let k = 0; k < 12; k++) {
      const expected = eligible[drawIndex(eligible.length, rng)!];
      const r = await m.quality.pickRandom.mutate();
      expect(r.orderId).toBe(expected);
      eligible.splice(eligible.indexOf(expected), 1);
    }
    expect(eligible).toEqual([]);
  });
});

describe('managers drawing at the same moment', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  it('never get the same order twice, and together drain exactly the eligible set', async () => {
    const snaps = Array.from({ length: 6 }, () => lifecycle('completed')).flat();
    await feed(s, snaps);
    const eligible = [...new Set(snaps.map((x) => x.orderId))].sort();
    const managers = await Promise.all(Array.from({ length: 4 }, async () => s.client(await s.managerToken())));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => managers[i % managers.length].quality.pickRandom.mutate().then((r) => r.orderId, codeOf)),
    );
    const won = results.filter((r) => r.length === 36);
    expect(new Set(won).size).toBe(won.length);
    for (const r of results.filter((r) => r.length !== 36)) expect(['NOT_FOUND', 'CONFLICT']).toContain(r);
    // Whatever a race left undrawn is still drawable, once each.
    const rest: string[] = [];
    for (;;) {
      const r = await managers[0].quality.pickRandom.mutate().then((x) => x.orderId, codeOf);
      if (r === 'NOT_FOUND') break;
      rest.push(r);
    }
    expect([...won, ...rest].sort()).toEqual(eligible);
  });
});
