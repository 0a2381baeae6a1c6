// Reactions run as durable jobs: a failing one is retried, and its effect happens exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Runner } from 'graphile-worker';
import { createKysely, createPool } from '@mcf/db';
import { EventPublisher, addJob, createLogger, REACTION_TASK, type Reaction } from '@mcf/kernel';
import { startJobs } from '../src/jobs.ts';
import { freshDatabase } from './support/harness.ts';

describe('reactions', () => {
  let pool: ReturnType<typeof createPool>;
  let db: ReturnType<typeof createKysely<any>>;
  let runner: Runner;
  let attempts = 0;
  const publisher = new EventPublisher();

  beforeAll(async () => {
    const url = await freshDatabase();
    pool = createPool(url, { max: 5 });
    db = createKysely<any>(pool);
    await sql`create table public.effect (event_id bigint not null)`.execute(db);
    const flaky: Reaction = {
      name: 'test.flaky',
      on: ['test.happened'],
      async run(trx, event) {
        attempts++;
        await sql`insert into public.effect (event_id) values (${event.id})`.execute(trx);
        if (attempts === 1) throw new Error('first attempt fails after writing: the write must roll back');
      },
    };
    publisher.register([flaky]);
    runner = await startJobs({
      pool,
      db,
      log: createLogger({ level: 'silent' }),
      modules: [{ name: 'test', migrations: {}, router: null as never, facade: null, reactions: [flaky] }],
      concurrency: 1,
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await pool?.end();
  });

  it('retries a reaction that threw and applies its effect once', async () => {
    const [event] = await db.transaction().execute((trx) => publisher.publish(trx, 'test', [{ type: 'test.happened', channels: [], payload: {} }]));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const r = await sql<{ n: string }>`select count(*) as n from public.effect`.execute(db);
      if (Number(r.rows[0].n) >= 1) break;
      if (Date.now() > deadline) throw new Error('reaction never succeeded');
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(attempts).toBe(2);
    // A replayed delivery of the same event (the job added again) changes nothing.
    await addJob(db, REACTION_TASK, { handler: 'test.flaky', eventId: event.id }, { jobKey: `replay:${event.id}` });
    await new Promise((res) => setTimeout(res, 1500));
    const r = await sql<{ n: string }>`select count(*) as n from public.effect`.execute(db);
    expect(Number(r.rows[0].n)).toBe(1);
    expect(attempts).toBe(2);
  });
});
