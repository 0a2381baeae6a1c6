// PostgreSQL restarted under load (our own embedded instance, never the shared one): calls during the
// outage fail fast with SERVICE_UNAVAILABLE, system.health says so, and afterwards the server has
// reconnected by itself, listens again and delivers what was committed meanwhile — no gap, no duplicate.
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { createKysely, createPool, migrateAll, startEmbedded } from '@mcf/db';
import { EventPublisher } from '@mcf/kernel';
import { accountCreated } from '@mcf/accounts';
import { contextMigrations } from '../../src/contexts.ts';
import { makeClient, closeClient, spawnServer, type Client, type ServerProcess } from '../support/harness.ts';
import { followingSubscriber, loggedAccountEvents, maxEventId, sleep, until } from './support.ts';

const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

describe('PostgreSQL restarted under load', () => {
  const dataDir = path.join(os.tmpdir(), `mcf-fault-pg-${process.pid}-${randomBytes(3).toString('hex')}`);
  const port = 55_000 + Math.floor(Math.random() * 4000);
  let pg: Awaited<ReturnType<typeof startEmbedded>>;
  let url: string;
  let server: ServerProcess;
  const clients: Client[] = [];

  beforeAll(async () => {
    pg = await startEmbedded({ dataDir, port, database: 'mcf_fault' });
    url = pg.url;
    const pool = createPool(url, { max: 2 });
    await migrateAll(pool, createKysely(pool), contextMigrations);
    await pool.end();
    server = await spawnServer(url, { MCF_JOB_CONCURRENCY: '2' });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => closeClient(c).catch(() => undefined)));
    await server?.stop();
    await pg?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails fast while it is down and recovers by itself afterwards', async () => {
    const anon = makeClient(server.url);
    const { token } = await anon.accounts.login.mutate({ email: 'admin@mcf.local', password: 'admin-pass-1' });
    const manager = makeClient(server.url, token);
    clients.push(anon, manager);
    const create = (name: string) => manager.accounts.create.mutate({ role: 'worker', email: `${name}.${Date.now()}@test.mcf`, name, password: 'password-123' });
    const start = await maxEventId(url);
    const sub = followingSubscriber(() => server.url, token);
    await until(() => sub.starts() >= 1, 10_000, 'the subscription');
    // Load: a writer keeps committing the whole time; its calls fail during the outage.
    let stop = false;
    const outcomes: string[] = [];
    const writer = (async () => {
      let i = 0;
      while (!stop) {
        await create(`load${i++}`).then(() => outcomes.push('OK'), (e) => outcomes.push(codeOf(e) ?? 'ERR'));
        await sleep(50);
      }
    })();
    const before = [await create('before1'), await create('before2')];
    await until(() => before.every((b) => sub.got.some((g) => g.data.accountId === b.id)), 10_000, 'events before the outage');

    await pg.stop();

    // During the outage: quick, clear failures.
    for (const call of [() => anon.system.health.query(), () => create('during')]) {
      const t0 = Date.now();
      const err = await call().then(() => null, (e) => e);
      const took = Date.now() - t0;
      expect(codeOf(err)).toBe('SERVICE_UNAVAILABLE');
      expect(err.message).toMatch(/database/i);
      expect(took).toBeLessThan(6000);
    }
    expect(server.child.exitCode).toBeNull();

    pg = await startEmbedded({ dataDir, port, database: 'mcf_fault' });
    // Committed "meanwhile": straight into the log while the server may not be listening yet.
    const pool = createPool(url, { max: 1 });
    const direct = Array.from({ length: 3 }, () => crypto.randomUUID());
    await createKysely<any>(pool)
      .transaction()
      .execute((trx) => new EventPublisher().publish(trx, 'accounts', direct.map((accountId, i) => accountCreated({ accountId, role: 'worker', name: `Meanwhile ${i}`, email: `m${i}@test.mcf` }))));
    await pool.end();

    // The server reconnects by itself: health is ok again within a few seconds.
    await until(async () => (await anon.system.health.query().then((h) => h.ok, () => false)) === true, 20_000, 'health to come back');
    const after = await create('after');
    stop = true;
    await writer;

    const log = await loggedAccountEvents(url, start);
    expect(log.map((e) => e.accountId)).toEqual(expect.arrayContaining([...before.map((b) => b.id), ...direct, after.id]));
    await until(() => sub.got.length >= log.length, 20_000, 'the subscriber to receive everything committed');
    await sleep(300);
    expect(sub.got.map((g) => g.id)).toEqual(log.map((e) => e.id));
    expect(outcomes).toContain('SERVICE_UNAVAILABLE');
    expect(outcomes.filter((o) => o !== 'OK' && o !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    await sub.close();
  }, 120_000);
});
