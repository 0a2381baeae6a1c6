// A statement that runs too long (a stuck lock, a runaway query) is cancelled by the database, so it
// cannot hold one of the server's connections forever; MCF_STATEMENT_TIMEOUT_MS sets the limit.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../support/harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { MCF_STATEMENT_TIMEOUT_MS: '300' } });
});
afterAll(() => s?.stop());

it('cancels a statement that runs past the limit, and the connection serves the next one', async () => {
  const started = Date.now();
  await expect(sql`select pg_sleep(5)`.execute(s.app.db)).rejects.toMatchObject({ code: '57014' }); // query_canceled
  expect(Date.now() - started).toBeLessThan(4_000);
  const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(s.app.db);
  expect(rows).toEqual([{ ok: 1 }]);
  expect(await s.anon.system.health.query()).toMatchObject({ ok: true });
});

it('cancels a wait for a lock held elsewhere past the limit', async () => {
  const owner = await s.app.pool.connect();
  try {
    await owner.query('begin');
    await owner.query('select pg_advisory_xact_lock(4242)');
    await expect(sql`select pg_advisory_xact_lock(4242)`.execute(s.app.db)).rejects.toMatchObject({ code: '57014' });
  } finally {
    await owner.query('rollback');
    owner.release();
  }
});
