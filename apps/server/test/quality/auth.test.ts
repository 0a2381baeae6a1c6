import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type Client } from '../support/harness.ts';
import { codeOf } from './support.ts';

const someId = '00000000-0000-4000-8000-000000000000';

// Every quality procedure, called with valid input.
const calls: [string, (c: Client) => Promise<unknown>][] = [
  ['queue', (c) => c.quality.queue.query()],
  ['list', (c) => c.quality.list.query()],
  ['pickRandom', (c) => c.quality.pickRandom.mutate()],
  ['review', (c) => c.quality.review.query({ reviewId: someId })],
  ['submit', (c) => c.quality.submit.mutate({ reviewId: someId, findings: 'x', hypotheses: ['y'] })],
  ['causes.list', (c) => c.quality.causes.list.query()],
  ['causes.create', (c) => c.quality.causes.create.mutate({ label: 'Something' })],
  ['causes.update', (c) => c.quality.causes.update.mutate({ id: someId, active: false })],
  ['hypotheses.list', (c) => c.quality.hypotheses.list.query()],
  ['stats', (c) => c.quality.stats.query()],
  ['exportCsv', (c) => c.quality.exportCsv.query({ kind: 'rates' })],
  ['photo', (c) => c.quality.photo.query({ reviewId: someId, kind: 'report' })],
  ['onQueue', (c) => firstOf(c)],
];

/** Subscribes to the live queue and settles with the first error (or 'OPEN' once it is running). */
function firstOf(c: Client) {
  return new Promise<unknown>((resolve, reject) => {
    const sub = c.quality.onQueue.subscribe(
      {},
      {
        onStarted: () => setTimeout(() => (sub.unsubscribe(), resolve('OPEN')), 300),
        onError: (e) => (sub.unsubscribe(), reject(e)),
      },
    );
  });
}

describe('quality is for managers only', () => {
  let s: TestServer;
  const as: Record<string, Client> = {};
  beforeAll(async () => {
    s = await startTestServer();
    for (const role of ['client', 'worker', 'clerk', 'manager'] as const) as[role] = (await s.signedIn(role)).client;
  });
  afterAll(() => s.stop());

  it('every procedure is registered in this list', () => {
    const procs = Object.keys((s.app.router as any)._def.procedures).filter((p) => p.startsWith('quality.'));
    expect(procs.map((p) => p.slice('quality.'.length)).sort()).toEqual(calls.map(([n]) => n).sort());
  });

  it.each(calls)('%s: anonymous UNAUTHORIZED; client, worker, clerk FORBIDDEN; manager allowed', async (_name, call) => {
    await expect(call(s.anon)).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
    for (const role of ['client', 'worker', 'clerk']) {
      await expect(call(as[role])).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    }
    // A manager gets through the role check (it may still be NOT_FOUND for the made-up id).
    const r = await call(as.manager).then(() => 'OK', codeOf);
    expect(['OK', 'NOT_FOUND']).toContain(r);
  });

  it('a rejected call changes nothing', async () => {
    await as.clerk.quality.causes.create.mutate({ label: 'Clerk cause' }).catch(() => undefined);
    expect((await as.manager.quality.causes.list.query()).some((c) => c.label === 'Clerk cause')).toBe(false);
  });
});
