// Exhaustive: a candidate token opens nothing outside `hiring.candidate.*`. Every procedure of the whole
// AppRouter (every context's, present and future) that refuses an anonymous caller must refuse a
// candidate with FORBIDDEN, over HTTP and, for subscriptions, over WebSocket.
process.env.MCF_TRUST_PROXY = '1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { apply, codeOf } from './support.ts';

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer({ env: { MCF_HIRING_POW_BITS: '0' } });
  const m = s.client(await s.managerToken());
  const { applicationId } = await apply(s.url, '203.0.113.200');
  token = (await m.hiring.assignTests.mutate({ applicationId, tests: [{ kind: 'puzzle' }] })).candidateToken;
});
afterAll(() => s.stop());

async function httpCode(path: string, type: string, bearer: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.201' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res =
    type === 'query'
      ? await fetch(`${s.url}/trpc/${path}?input=${encodeURIComponent('{}')}`, { headers })
      : await fetch(`${s.url}/trpc/${path}`, { method: 'POST', headers, body: '{}' });
  const body = (await res.json()) as { error?: { data?: { code?: string } } };
  return body.error?.data?.code ?? 'OK';
}

function subscribeCode(client: ReturnType<TestServer['client']>, path: string) {
  let proc: any = client;
  for (const part of path.split('.')) proc = proc[part];
  return new Promise<string>((resolve) => {
    const timer = setTimeout(() => (sub.unsubscribe(), resolve('OPEN')), 3000);
    const sub = proc.subscribe({}, {
      onError: (e: unknown) => (clearTimeout(timer), sub.unsubscribe(), resolve(codeOf(e))),
      onData: () => undefined,
    });
  });
}

describe('a candidate token outside the portal', () => {
  it('is FORBIDDEN on every protected procedure of every context', async () => {
    const procedures = Object.entries(s.app.router._def.procedures as unknown as Record<string, { _def: { type: string } }>);
    expect(procedures.length).toBeGreaterThan(20);
    const checked: string[] = [];
    const leaks: string[] = [];
    for (const [path, p] of procedures) {
      if (path.startsWith('hiring.candidate.')) continue;
      const type = p._def.type;
      if (type === 'subscription') {
        const anon = await subscribeCode(s.anon, path);
        if (anon !== 'UNAUTHORIZED') continue;
        const code = await subscribeCode(s.client(token), path);
        if (code !== 'FORBIDDEN') leaks.push(`${path}: ${code}`);
      } else {
        if ((await httpCode(path, type, null)) !== 'UNAUTHORIZED') continue; // public for everyone
        const code = await httpCode(path, type, token);
        if (code !== 'FORBIDDEN') leaks.push(`${path}: ${code}`);
      }
      checked.push(path);
    }
    console.log(`[boundary] ${checked.length} protected procedures refuse a candidate token`);
    expect(leaks).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(['accounts.me', 'hiring.applications', 'hiring.decide', 'hiring.onPipeline', 'orders.create']));
  }, 120_000);

  it('reaches its own portal', async () => {
    const me = await s.client(token).hiring.candidate.me.query();
    expect(me.tests).toHaveLength(1);
  });
});
