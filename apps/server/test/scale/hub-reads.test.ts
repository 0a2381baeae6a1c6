// While the hub reads the log (its safety-net poll, a gap, start-up), commit notices keep arriving.
// They must be delivered after that read, not by another read: under steady commits every read would
// otherwise have a notice arriving during it, the hub would never return to the notices, and every
// commit would wait for a database round trip (seen in `pnpm bench`: odds p50 ~30 ms → ~150 ms).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { createKysely, createPool } from '@mcf/db';
import { EventHub, EventPublisher, type StoredEvent } from '@mcf/kernel';
import { freshDatabase } from '../support/harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let pool: pg.Pool;
let url: string;

beforeAll(async () => {
  url = await freshDatabase();
  pool = createPool(url, { max: 4 });
});
afterAll(() => pool?.end());

/** A database handle whose reads of the log after a cursor take `ms` longer (and are counted). */
function slowLogReads(ms: number) {
  const counter = { reads: 0 };
  const slowPool = {
    async connect() {
      const c = await pool.connect();
      return {
        async query(...args: unknown[]) {
          const text = typeof args[0] === 'string' ? args[0] : '';
          if (/from "platform"\."event_log" where "id" >/.test(text)) {
            counter.reads++;
            await sleep(ms);
          }
          return (c.query as (...a: unknown[]) => Promise<unknown>)(...args);
        },
        release: () => c.release(),
      };
    },
    async end() {},
  };
  return { db: new Kysely<any>({ dialect: new PostgresDialect({ pool: slowPool as never }) }), counter };
}

it('notices that arrive during a read of the log are delivered after it, without reading again', async () => {
  const { db: slowDb, counter } = slowLogReads(200);
  const hub = new EventHub({ url, db: slowDb, pollMs: 60_000 });
  await hub.start();
  const got: StoredEvent[] = [];
  const ac = new AbortController();
  const consuming = (async () => {
    for await (const e of hub.subscribe({ channel: 'hub-reads', signal: ac.signal })) got.push(e);
  })();
  try {
    const db = createKysely<any>(pool);
    const publisher = new EventPublisher();
    const publish = (i: number) => db.transaction().execute((trx) => publisher.publish(trx, 'test', [{ type: 'test.tick', channels: ['hub-reads'], payload: { i } }]));
    const readsBefore = counter.reads;
    hub.wake(); // a read is under way while the commits below land
    const published: number[] = [];
    for (let i = 0; i < 40; i++) {
      published.push((await publish(i))[0].id);
      await sleep(25);
    }
    for (let t = 0; got.length < 40 && t < 200; t++) await sleep(25);
    expect(got.map((e) => e.id)).toEqual(published);
    // One read for the wake-up; every commit after it came by its notice (a second read at most, if the
    // first one's result raced a commit). Without holding the notices: one read after another, ~1 s / 200 ms.
    expect(counter.reads - readsBefore).toBeLessThanOrEqual(2);
  } finally {
    ac.abort();
    await hub.stop();
    await consuming.catch(() => undefined);
    await slowDb.destroy();
  }
});
