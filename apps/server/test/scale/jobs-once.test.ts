// Scale-out: two processes run jobs against one database; every reaction and every scheduled job
// runs exactly once across them, and both take a share.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createKysely, createPool } from '@mcf/db';
import { EventPublisher, addJob } from '@mcf/kernel';
import { freshDatabase } from '../support/harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');

function startJobProcess(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'job-process.ts'), url], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job process did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (b) => {
      out += b;
      if (out.includes('JOBS_READY')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (b) => (out += b));
    child.once('exit', (c) => reject(new Error(`job process exited with ${c}:\n${out}`)));
  });
}

describe('jobs across two processes', () => {
  let pool: ReturnType<typeof createPool>;
  let db: ReturnType<typeof createKysely<any>>;
  const children: ChildProcess[] = [];
  const publisher = new EventPublisher();
  publisher.register([{ name: 'scale.count', on: ['scale.happened'] }]);

  beforeAll(async () => {
    const url = await freshDatabase();
    pool = createPool(url, { max: 4 });
    db = createKysely<any>(pool);
    await sql`create table public.scale_effect (event_id bigint not null, pid int not null)`.execute(db);
    await sql`create table public.scale_scheduled (key text not null, pid int not null)`.execute(db);
    children.push(...(await Promise.all([startJobProcess(url), startJobProcess(url)])));
  });
  afterAll(async () => {
    await Promise.all(
      children.map((c) => {
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        return exited;
      }),
    );
    await pool?.end();
  });

  it('runs each reaction and each scheduled job once, shared between the processes', async () => {
    const EVENTS = 200;
    const SCHEDULED = 20;
    const runAt = new Date(Date.now() + 1500);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < SCHEDULED; i++) await addJob(trx, 'scale.scheduled', { key: `k${i}` }, { runAt, jobKey: `scale:k${i}` });
    });
    // The same schedule added again (as a second process would on start) replaces, never doubles.
    await addJob(db, 'scale.scheduled', { key: 'k0' }, { runAt, jobKey: 'scale:k0' });
    for (let i = 0; i < EVENTS; i += 10) {
      await db.transaction().execute((trx) => publisher.publish(trx, 'scale', Array.from({ length: 10 }, () => ({ type: 'scale.happened', channels: [], payload: {} }))));
    }
    const deadline = Date.now() + 45_000;
    for (;;) {
      const r = await sql<{ e: number; s: number }>`select (select count(*)::int from public.scale_effect) as e, (select count(*)::int from public.scale_scheduled) as s`.execute(db);
      if (r.rows[0].e >= EVENTS && r.rows[0].s >= SCHEDULED) break;
      if (Date.now() > deadline) throw new Error(`only ${r.rows[0].e}/${EVENTS} reactions and ${r.rows[0].s}/${SCHEDULED} scheduled jobs ran`);
      await new Promise((res) => setTimeout(res, 200));
    }
    await new Promise((res) => setTimeout(res, 1500)); // anything that would run twice has had time to
    const effects = await sql<{ event_id: number; n: number }>`select event_id, count(*)::int as n from public.scale_effect group by event_id having count(*) > 1`.execute(db);
    expect(effects.rows).toEqual([]);
    const scheduled = await sql<{ key: string; n: number }>`select key, count(*)::int as n from public.scale_scheduled group by key order by key`.execute(db);
    expect(scheduled.rows.length).toBe(SCHEDULED);
    expect(scheduled.rows.every((r) => r.n === 1)).toBe(true);
    const total = await sql<{ n: number }>`select count(*)::int as n from public.scale_effect`.execute(db);
    expect(total.rows[0].n).toBe(EVENTS);
    const byPid = await sql<{ pid: number; n: number }>`select pid, count(*)::int as n from (select pid from public.scale_effect union all select pid from public.scale_scheduled) x group by pid`.execute(db);
    expect(byPid.rows.map((r) => r.pid).sort()).toEqual(children.map((c) => c.pid!).sort());
  }, 60_000);
});
