// Durable jobs through graphile-worker's SQL API, so a job commits with the state change that caused it.
import { sql } from 'kysely';
import type { Db, Trx } from './types.ts';

export interface JobOptions {
  runAt?: Date;
  /** A job with the same key replaces the pending one instead of adding a second. */
  jobKey?: string;
  maxAttempts?: number;
  queueName?: string;
}

export async function addJob(db: Db | Trx, task: string, payload: unknown, opts: JobOptions = {}) {
  await sql`select graphile_worker.add_job(
    identifier => ${task},
    payload => ${JSON.stringify(payload ?? {})}::json,
    queue_name => ${opts.queueName ?? null},
    run_at => ${opts.runAt ? opts.runAt.toISOString() : null}::timestamptz,
    max_attempts => ${opts.maxAttempts ?? 25},
    job_key => ${opts.jobKey ?? null}
  )`.execute(db);
}

export interface JobSpec extends JobOptions {
  task: string;
  payload: unknown;
}

/** Many jobs in one round trip (graphile-worker's `add_jobs`): the outbox adds every reaction at once. */
export async function addJobs(db: Db | Trx, specs: readonly JobSpec[]) {
  if (specs.length === 0) return;
  const rows = specs.map((s) => ({
    identifier: s.task,
    payload: s.payload ?? {},
    queue_name: s.queueName ?? null,
    run_at: s.runAt ? s.runAt.toISOString() : null,
    max_attempts: s.maxAttempts ?? 25,
    job_key: s.jobKey ?? null,
  }));
  await sql`select count(*) from graphile_worker.add_jobs(
    array(select json_populate_recordset(null::graphile_worker.job_spec, ${JSON.stringify(rows)}::json))
  )`.execute(db);
}
