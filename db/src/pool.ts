import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

// bigint columns hold money in hundredths; they fit a JS number exactly far beyond any real balance.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${v} exceeds the safe integer range`);
  return n;
});
// Timestamps travel as ISO strings in the API; keep Date in code, parse here once.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

export interface PoolOptions {
  max?: number;
  /** Fail fast when the database is down instead of letting calls hang. */
  connectionTimeoutMillis?: number;
  applicationName?: string;
  /** Cancels any statement running longer (PostgreSQL's statement_timeout); unset: no limit. */
  statementTimeoutMs?: number;
}

export function createPool(url: string, opts: PoolOptions = {}) {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 20,
    connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 5000,
    idleTimeoutMillis: 30_000,
    application_name: opts.applicationName ?? 'mcf',
    ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** One Kysely over a shared pool; contexts narrow it to their schema with `withSchema`. */
export function createKysely<DB = unknown>(pool: pg.Pool) {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
