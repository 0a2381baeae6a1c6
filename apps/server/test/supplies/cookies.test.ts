// Fortune cookies: the bakery order and the arrival run as durable graphile-worker jobs; the arrival
// is a scheduled job that survives a server restart; bakery failures show on the request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { localFortune, type SimulatedBakery } from '@mcf/supplies';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { clerkFeed, codeOf, matched, until } from './support.ts';

type Person = Awaited<ReturnType<TestServer['signedIn']>>;

describe('fortune cookies (bakery delay 1 s)', () => {
  let s: TestServer;
  let clerk: Person;
  let worker: Person;
  let client: Person;
  const bakery = () => s.app.contexts.supplies.bakery as SimulatedBakery;

  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_BAKERY_DELAY_SECONDS: '1', MCF_BAKERY_MAX_ATTEMPTS: '2' } });
    clerk = await s.signedIn('clerk');
    worker = await s.signedIn('worker', 'Nala');
    client = await s.signedIn('client', 'Mochi');
  });
  afterAll(() => s.stop());

  it('the cookie arrives after the configured delay; then "Issued" works', async () => {
    const live = await clerkFeed(clerk.client);
    const { snap, request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    const ordered = await until('ordered', async () => live.events.find((e) => e.data.requestId === request.id && e.data.type === 'supplies.cookieOrdered'));
    const arrived = await until('arrived', async () => live.events.find((e) => e.data.requestId === request.id && e.data.type === 'supplies.cookieArrived'));
    expect(arrived.data).toMatchObject({ cookie: 'arrived', missing: [], waitingFor: null });
    const promised = new Date(ordered.data.cookieDueAt!).getTime();
    expect(new Date(arrived.data.cookieArrivedAt!).getTime()).toBeGreaterThanOrEqual(promised - 50);
    // The bakery got the client's details and the generated text, with an idempotency key.
    const call = bakery().calls.find((c) => c.orderId === snap.orderId)!;
    expect(call.client.name).toBe('Mochi');
    expect(call.client.email).toBe(client.email);
    expect(call.text).toBe(localFortune({ orderId: snap.orderId, serviceTypeName: snap.serviceTypeName, clientName: 'Mochi' }));
    expect(call.idempotencyKey).toContain(snap.orderId);
    expect(await clerk.client.supplies.issue.mutate({ requestId: request.id })).toMatchObject({ state: 'issued', alreadyIssued: false });
    live.stop();
  });

  it('a bakery that refuses marks the cookie failed with the reason; "Issued" says why; a retry fixes it', async () => {
    bakery().rejectNext(1);
    const { request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    const failed = await until('failed', async () => (await clerk.client.supplies.requests.query({ state: 'open' })).find((r) => r.id === request.id && r.cookie === 'failed'));
    expect(failed.cookieReason).toMatch(/refused/);
    expect(failed.waitingFor).toMatch(/cookie failed/);
    const err = await clerk.client.supplies.issue.mutate({ requestId: request.id }).catch((e) => e);
    expect(codeOf(err)).toBe('CONFLICT');
    expect(err.message).toMatch(/refused/);
    await clerk.client.supplies.retryCookie.mutate({ requestId: request.id });
    await until('arrived after retry', async () => (await clerk.client.supplies.requests.query({ state: 'open' })).find((r) => r.id === request.id && r.cookie === 'arrived'), 20_000);
    await expect(clerk.client.supplies.retryCookie.mutate({ requestId: request.id })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT');
  });

  it('an unreachable bakery is retried (shown on the request), then gives up after the configured attempts', async () => {
    bakery().failNext(2);
    const { request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    const retrying = await until('retrying', async () => (await clerk.client.supplies.requests.query({ state: 'open' })).find((r) => r.id === request.id && r.cookieReason?.includes('retrying')));
    expect(retrying.cookie).toBe('pending');
    expect(retrying.waitingFor).toMatch(/did not answer/);
    const failed = await until('failed', async () => (await clerk.client.supplies.requests.query({ state: 'open' })).find((r) => r.id === request.id && r.cookie === 'failed'), 20_000);
    expect(failed.cookieReason).toMatch(/gave up after 2 attempts/);
  });
});

describe('a late bakery', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_BAKERY_DELAY_SECONDS: '1', MCF_BAKERY_LATE_RATE: '1', MCF_BAKERY_LATE_SECONDS: '2' } });
  });
  afterAll(() => s.stop());

  it('shows the delay and records the arrival when it finally comes', async () => {
    const clerk = await s.signedIn('clerk');
    const worker = await s.signedIn('worker');
    const client = await s.signedIn('client');
    const { request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    const late = await until('late', async () => (await clerk.client.supplies.requests.query()).find((r) => r.id === request.id && r.cookieReason?.includes('late')));
    expect(late.cookie).toBe('pending');
    expect(late.waitingFor).toMatch(/late/);
    await until('arrived', async () => (await clerk.client.supplies.requests.query()).find((r) => r.id === request.id && r.cookie === 'arrived'));
  });
});

describe('the arrival survives a server restart', () => {
  it('stop the server before the delay, start another on the same database: the cookie arrives', async () => {
    const env = { MCF_BAKERY_DELAY_SECONDS: '5' };
    const first = await startTestServer({ env });
    const clerk = await first.signedIn('clerk');
    const worker = await first.signedIn('worker');
    const client = await first.signedIn('client');
    const { request } = await matched(first, clerk.client, { clientId: client.id, workerId: worker.id });
    const ordered = await until('ordered', async () => (await clerk.client.supplies.requests.query()).find((r) => r.id === request.id && r.cookieDueAt));
    expect(new Date(ordered.cookieDueAt!).getTime()).toBeGreaterThan(Date.now());
    // Let graphile-worker record the bakery job as done before stopping (it completes jobs in batches).
    await until('the bakery job completed', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'supplies.orderCookie'`.execute(first.app.db);
      return rows[0].n === 0;
    });
    await first.stop();

    // Nothing runs while no server is up: the scheduled arrival waits in the job table.
    const pendingJobs = await (async () => {
      const pg = await import('pg');
      const c = new pg.default.Client({ connectionString: first.databaseUrl });
      await c.connect();
      try {
        const r = await c.query(`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'supplies.checkCookie'`);
        const cookie = await c.query(`select cookie from supplies.request where id = $1`, [request.id]);
        return { jobs: r.rows[0].n as number, cookie: cookie.rows[0].cookie as string };
      } finally {
        await c.end();
      }
    })();
    expect(pendingJobs).toEqual({ jobs: 1, cookie: 'pending' });

    const second = await startTestServer({ databaseUrl: first.databaseUrl, env });
    try {
      const clerk2 = second.client((await second.anon.accounts.login.mutate({ email: clerk.email, password: 'test-password-1' })).token);
      const arrived = await until('arrived after the restart', async () => (await clerk2.supplies.requests.query()).find((r) => r.id === request.id && r.cookie === 'arrived'), 20_000);
      expect(new Date(arrived.cookieArrivedAt!).getTime()).toBeGreaterThanOrEqual(new Date(ordered.cookieDueAt!).getTime() - 50);
      expect(await clerk2.supplies.issue.mutate({ requestId: request.id })).toMatchObject({ state: 'issued' });
    } finally {
      await second.stop();
    }
  });
});

describe('two server processes on one database', () => {
  it('order the cookie once and record its arrival once', async () => {
    const env = { MCF_BAKERY_DELAY_SECONDS: '1' };
    const a = await startTestServer({ env });
    const b = await startTestServer({ databaseUrl: a.databaseUrl, env });
    try {
      const clerk = await a.signedIn('clerk');
      const worker = await a.signedIn('worker');
      const client = await a.signedIn('client');
      const orders: Awaited<ReturnType<typeof matched>>[] = [];
      for (let i = 0; i < 4; i++) orders.push(await matched(a, clerk.client, { clientId: client.id, workerId: worker.id }));
      await until('all arrived', async () => {
        const open = await clerk.client.supplies.requests.query({ state: 'open' });
        return orders.every((o) => open.find((r) => r.id === o.request.id)?.cookie === 'arrived');
      });
      const calls = [...(a.app.contexts.supplies.bakery as SimulatedBakery).calls, ...(b.app.contexts.supplies.bakery as SimulatedBakery).calls];
      for (const o of orders) expect(calls.filter((c) => c.orderId === o.snap.orderId)).toHaveLength(1);
      const arrivedEvents = await a.app.db.withSchema('platform').selectFrom('event_log').select('payload').where('type', '=', 'supplies.cookieArrived').execute();
      expect(arrivedEvents).toHaveLength(orders.length);
    } finally {
      await b.stop();
      await a.stop();
    }
  });
});
