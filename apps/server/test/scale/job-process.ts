// A job-running process for the scale-out test: the server's own job runner (startJobs) with a test
// reaction and a test task registered, on the database given as argv[2]. Every effect records the
// process id, so the test can tell who ran what and that nothing ran twice.
import { sql } from 'kysely';
import { createKysely, createPool } from '@mcf/db';
import { createLogger, type Reaction } from '@mcf/kernel';
import { startJobs } from '../../src/jobs.ts';

const url = process.argv[2];
const pool = createPool(url, { max: 6 });
const db = createKysely<any>(pool);

export const countReaction: Reaction = {
  name: 'scale.count',
  on: ['scale.happened'],
  async run(trx, event) {
    await sql`insert into public.scale_effect (event_id, pid) values (${event.id}, ${process.pid})`.execute(trx);
    await new Promise((r) => setTimeout(r, 5)); // a little work, so both processes get a share
  },
};

const runner = await startJobs({
  pool,
  db,
  log: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  modules: [
    {
      name: 'scale',
      migrations: {},
      router: null as never,
      facade: null,
      reactions: [countReaction],
      tasks: {
        'scale.scheduled': async (payload) => {
          const { key } = payload as { key: string };
          await sql`insert into public.scale_scheduled (key, pid) values (${key}, ${process.pid})`.execute(db);
        },
      },
    },
  ],
  concurrency: 4,
});
process.stdout.write(`JOBS_READY ${process.pid}\n`);
const stop = async () => {
  await runner.stop();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
