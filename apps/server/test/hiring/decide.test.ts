// The 3% rule through the API on a known population, ties at the cut-off, and versioned configuration.
process.env.MCF_TRUST_PROXY = '1';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { codeOf } from './support.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { MCF_HIRING_POW_BITS: '0' } });
});
afterAll(() => s.stop());

/** A scored candidate (all tests done) with the given traits, straight into the store. */
async function scored(name: string, traits: Record<string, number>) {
  const id = randomUUID();
  await s.app.db
    .withSchema('hiring')
    .insertInto('application')
    .values({ id, name, age: 4, breed: 'Siamese', coat_color: 'cream', contact: `${id}@cats.example`, contact_key: `e:${id}`, status: 'testing', address: '127.0.0.1', traits: JSON.stringify(traits), scored_at: new Date() })
    .execute();
  return id;
}

describe('decisions against the population', () => {
  const ids: Record<string, string> = {};
  let v2 = 0;

  beforeAll(async () => {
    const m = s.client(await s.managerToken());
    // A configuration that scores on one trait, so the population is known exactly.
    v2 = (await m.hiring.config.create.mutate({ config: { cutoffPercent: 3, weights: { reflexes: 1 }, minScore: null }, note: 'reflexes only', activate: true })).version;
    // 100 cats: best 1.0, then 0.95, then three tied at 0.9 (the cut-off), then 95 below.
    ids.best = await scored('Best', { reflexes: 1 });
    ids.second = await scored('Second', { reflexes: 0.95 });
    for (const n of ['TieA', 'TieB', 'TieC']) ids[n] = await scored(n, { reflexes: 0.9 });
    for (let i = 0; i < 95; i++) ids[`r${i}`] = await scored(`Rest ${i}`, { reflexes: -0.9 + i / 100 });
  });

  it('the distribution shows the cut-off and the tie', async () => {
    const m = s.client(await s.managerToken());
    const d = await m.hiring.distribution.query({});
    expect(d).toMatchObject({ version: v2, population: 100, passCount: 5, cutoffScore: 0.9, tiedAtCutoff: 3, cutoffPercent: 3 });
    expect(d.histogram.reduce((a, b) => a + b.count, 0)).toBe(100);
  });

  it('only the top 3% pass; every cat tied at the cut-off passes; the version is recorded', async () => {
    const m = s.client(await s.managerToken());
    const decide = (k: string) => m.hiring.decide.mutate({ applicationId: ids[k] });
    expect(await decide('best')).toMatchObject({ decision: 'accepted', configVersion: v2 });
    expect(await decide('TieB')).toMatchObject({ decision: 'accepted', score: 0.9 });
    const r = await decide('r94');
    expect(r).toMatchObject({ decision: 'rejected', configVersion: v2, message: expect.stringMatching(/wonderful cat/) });
    expect(r).not.toHaveProperty('workerId');
    expect(await decide('r0')).toMatchObject({ decision: 'rejected' });
    const rows = await s.app.db.withSchema('hiring').selectFrom('application').select(['id', 'decision', 'config_version']).where('decision', 'is not', null).execute();
    expect(rows.every((x) => x.config_version === v2)).toBe(true);
    const events = await s.app.db.withSchema('platform').selectFrom('event_log').select(['type', 'payload']).where('context', '=', 'hiring').where('type', 'in', ['hiring.candidateAccepted', 'hiring.candidateRejected']).execute();
    expect(events.filter((e) => e.type === 'hiring.candidateAccepted')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'hiring.candidateRejected')).toHaveLength(2);
  });

  it('managers compare versions on the same population and switch back', async () => {
    const m = s.client(await s.managerToken());
    const v3 = (await m.hiring.config.create.mutate({ config: { cutoffPercent: 1, weights: { reflexes: 1 }, minScore: null }, note: 'stricter' })).version;
    const list = await m.hiring.config.list.query();
    expect(list.map((c) => [c.version, c.active])).toEqual([[1, false], [v2, true], [v3, false]]);
    expect(list.find((c) => c.version === v2)!.decisions).toBe(4);
    const cmp = await m.hiring.config.compare.query({ a: v2, b: v3 });
    expect(cmp.a).toMatchObject({ passCount: 5, cutoffScore: 0.9 });
    expect(cmp.b).toMatchObject({ passCount: 1, cutoffScore: 1 });
    expect(cmp.passBoth).toBe(1);
    expect(cmp.onlyA.map((x) => x.name).sort()).toEqual(['Second', 'TieA', 'TieB', 'TieC']);
    expect(cmp.onlyB).toEqual([]);
    await m.hiring.config.activate.mutate({ version: v3 });
    expect((await m.hiring.config.active.query()).version).toBe(v3);
    expect(await m.hiring.decide.mutate({ applicationId: ids.second })).toMatchObject({ decision: 'rejected', configVersion: v3 });
    await m.hiring.config.activate.mutate({ version: v2 });
  });

  it('a retried acceptance (worker id already reserved) finishes as an acceptance with the same worker', async () => {
    const m = s.client(await s.managerToken());
    const reserved = randomUUID();
    await s.app.db.withSchema('hiring').updateTable('application').set({ worker_id: reserved }).where('id', '=', ids.r1).execute();
    const d = await m.hiring.decide.mutate({ applicationId: ids.r1 });
    expect(d).toMatchObject({ decision: 'accepted', workerId: reserved });
    expect(await s.app.contexts.accounts.facade.get(reserved)).toMatchObject({ role: 'worker', name: 'Rest 1' });
  });

  it('refuses nonsense configurations and unknown versions', async () => {
    const m = s.client(await s.managerToken());
    const bad = await m.hiring.config.create.mutate({ config: { cutoffPercent: 0, weights: {}, minScore: null }, note: 'x' }).catch((e) => e);
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/cutoffPercent/);
    expect(await m.hiring.config.activate.mutate({ version: 999 }).catch(codeOf)).toBe('NOT_FOUND');
    expect(await m.hiring.decide.mutate({ applicationId: randomUUID() }).catch(codeOf)).toBe('NOT_FOUND');
  });
});

describe('demo data', () => {
  it('seeds a scored population once', async () => {
    const s2 = await startTestServer({ env: { MCF_HIRING_POW_BITS: '0' } });
    try {
      const m = await s2.signedIn('manager');
      expect(await s2.app.contexts.hiring.facade.seedDemo(m.id, 12)).toEqual({ created: 12 });
      expect(await s2.app.contexts.hiring.facade.seedDemo(m.id, 12)).toEqual({ created: 0 });
      const d = await m.client.hiring.distribution.query({});
      expect(d.population).toBe(9);
      expect(d.passCount).toBeGreaterThanOrEqual(1);
    } finally {
      await s2.stop();
    }
  });
});
