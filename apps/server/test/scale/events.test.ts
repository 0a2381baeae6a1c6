// Scale-out: two server processes on one database. Subscribers on either see every event committed
// through either, each once, in the log's order — the same sequence everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createKysely, createPool } from '@mcf/db';
import { closeClient, freshDatabase, makeClient, spawnServer, type Client, type ServerProcess } from '../support/harness.ts';

type Got = { id: string; data: { accountId: string } };

function watch(c: Client) {
  const got: Got[] = [];
  let started = false;
  const sub = c.accounts.onAccounts.subscribe(undefined, { onStarted: () => (started = true), onData: (d) => got.push(d as unknown as Got) });
  return { got, started: () => started, stop: () => sub.unsubscribe() };
}

async function until(cond: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition') {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('two server processes, one database', () => {
  let url: string;
  let a: ServerProcess;
  let b: ServerProcess;
  const clients: Client[] = [];

  beforeAll(async () => {
    url = await freshDatabase();
    [a, b] = await Promise.all([spawnServer(url), spawnServer(url)]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => closeClient(c).catch(() => undefined)));
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('delivers commits made through either process to subscribers on both, identically', async () => {
    const { token } = await makeClient(a.url).accounts.login.mutate({ email: 'admin@mcf.local', password: 'admin-pass-1' });
    const on = (s: ServerProcess) => {
      const c = makeClient(s.url, token);
      clients.push(c);
      return c;
    };
    const subs = [watch(on(a)), watch(on(a)), watch(on(b)), watch(on(b))];
    await until(() => subs.every((s) => s.started()), 10_000, 'subscriptions to start');
    const writers = [on(a), on(b)];
    const N = 24;
    const ids = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        writers[i % 2].accounts.create.mutate({ role: 'worker', email: `scale.${i}.${Date.now()}@test.mcf`, name: `Scale ${i}`, password: 'password-123' }).then((r) => r.id),
      ),
    );
    await until(() => subs.every((s) => s.got.length >= N), 20_000, 'every subscriber to get every event');
    await new Promise((r) => setTimeout(r, 300));

    const pool = createPool(url, { max: 1 });
    const log = await sql<{ id: string; account_id: string }>`
      select id::text, payload->>'accountId' as account_id from platform.event_log
      where type = 'accounts.accountCreated' and payload->>'accountId' = any(${ids}::text[]) order by event_log.id`.execute(createKysely(pool));
    await pool.end();
    const expected = log.rows.map((r) => r.id);
    expect(expected.length).toBe(N);
    for (const s of subs) {
      expect(s.got.map((g) => g.id)).toEqual(expected);
      expect(new Set(s.got.map((g) => g.data.accountId))).toEqual(new Set(ids));
    }
    subs.forEach((s) => s.stop());
  });

  it('a subscriber that moves from one process to the other resumes with lastEventId, missing nothing', async () => {
    const { token } = await makeClient(b.url).accounts.login.mutate({ email: 'admin@mcf.local', password: 'admin-pass-1' });
    const ca = makeClient(a.url, token);
    const cb = makeClient(b.url, token);
    clients.push(ca, cb);
    const first = watch(ca);
    await until(first.started, 10_000, 'subscription');
    const one = await cb.accounts.create.mutate({ role: 'clerk', email: `move.1.${Date.now()}@test.mcf`, name: 'Move 1', password: 'password-123' });
    await until(() => first.got.some((g) => g.data.accountId === one.id));
    const last = first.got[first.got.length - 1].id;
    first.stop();
    const missed = [];
    for (let i = 0; i < 3; i++) missed.push((await ca.accounts.create.mutate({ role: 'clerk', email: `move.m${i}.${Date.now()}@test.mcf`, name: `Missed ${i}`, password: 'password-123' })).id);
    const got: Got[] = [];
    const sub = cb.accounts.onAccounts.subscribe({ lastEventId: last }, { onData: (d) => got.push(d as unknown as Got) });
    await until(() => got.length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    sub.unsubscribe();
    expect(got.map((g) => g.data.accountId)).toEqual(missed);
  });
});
