// kill -9 of a server process in the middle of a burst of commits: every acknowledged commit is in the
// database, and subscribers that were on the killed process reconnect to the survivor and resume from
// lastEventId with exactly the events of the log — no gap, no duplicate, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createKysely, createPool } from '@mcf/db';
import { freshDatabase, makeClient, closeClient, spawnServer, type Client, type ServerProcess } from '../support/harness.ts';
import { followingSubscriber, loggedAccountEvents, maxEventId, sleep, until } from './support.ts';

describe('kill -9 of a server process during a burst', () => {
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
    await Promise.all([a?.kill9(), b?.stop()]);
  });

  it('loses no acknowledged commit and no event', async () => {
    const { token } = await makeClient(b.url).accounts.login.mutate({ email: 'admin@mcf.local', password: 'admin-pass-1' });
    const viaA = makeClient(a.url, token);
    const viaB = makeClient(b.url, token);
    clients.push(viaA, viaB);
    const start = await maxEventId(url);

    let target = a.url;
    const subs = Array.from({ length: 6 }, () => followingSubscriber(() => target, token));
    await until(() => subs.every((s) => s.starts() >= 1), 10_000, 'subscriptions on the first process');

    // The burst: two writers per process, each committing accounts.create as fast as it can.
    const acked: string[] = [];
    let failedCalls = 0;
    let stop = false;
    let seq = 0;
    const writer = async (c: Client) => {
      while (!stop) {
        const i = seq++;
        try {
          const r = await c.accounts.create.mutate({ role: 'worker', email: `burst.${i}.${Date.now()}@test.mcf`, name: `Burst ${i}`, password: 'password-123' });
          acked.push(r.id);
        } catch {
          failedCalls++;
          await sleep(20);
        }
      }
    };
    const writers = [writer(viaA), writer(viaA), writer(viaB), writer(viaB)];
    await until(() => acked.length >= 8, 20_000, 'commits before the kill');
    target = b.url; // where reconnecting subscribers go from now on
    await a.kill9();
    const atKill = acked.length;
    await until(() => acked.length >= atKill + 8, 20_000, 'commits after the kill');
    stop = true;
    await Promise.all(writers);

    // Every acknowledged commit exists, with its event.
    const pool = createPool(url, { max: 1 });
    const rows = await sql<{ id: string }>`select id::text from accounts.account where id = any(${acked}::uuid[])`.execute(createKysely(pool));
    await pool.end();
    expect(new Set(rows.rows.map((r) => r.id))).toEqual(new Set(acked));
    const log = await loggedAccountEvents(url, start);
    const logged = new Set(log.map((e) => e.accountId));
    expect(acked.filter((id) => !logged.has(id))).toEqual([]);

    // Every subscriber moved to the survivor and has exactly the log, in order, once.
    await until(() => subs.every((s) => s.got.length >= log.length), 20_000, 'subscribers to catch up on the survivor');
    await sleep(300);
    for (const s of subs) {
      expect(s.starts()).toBeGreaterThanOrEqual(2);
      expect(s.got.map((g) => g.id)).toEqual(log.map((e) => e.id));
    }
    await Promise.all(subs.map((s) => s.close()));
    expect(failedCalls).toBeGreaterThan(0); // the calls to the killed process did fail
  }, 90_000);
});
