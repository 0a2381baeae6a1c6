// The benchmark's PostgreSQL: DATABASE_URL, else the server at 127.0.0.1:5432 when it answers, else an
// embedded one under the system temp folder. One migrated template; every round copies it.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createKysely, createPool, migrateAll, startEmbedded } from '@mcf/db';
import { createDatabaseFromTemplate, createEmptyDatabase, dropDatabasesLike, withDatabase } from '@mcf/db/testing';
import { contextMigrations } from '@mcf/server';

function answers(host: string, port: number) {
  return new Promise<boolean>((resolve) => {
    const s = net.connect({ host, port, timeout: 1000 });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });
}

export interface BenchDatabase {
  where: string;
  version: string;
  fresh(): Promise<string>;
  close(): Promise<void>;
}

export async function openBenchDatabase(log: (m: string) => void): Promise<BenchDatabase> {
  let base = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  let where = 'DATABASE_URL';
  if (!base && process.env.MCF_BENCH_EMBEDDED !== '1' && (await answers('127.0.0.1', 5432))) {
    base = 'postgres://postgres@127.0.0.1:5432/postgres';
    where = 'PostgreSQL at 127.0.0.1:5432';
  }
  if (!base) {
    const dataDir = path.join(os.tmpdir(), 'mcf-bench-pg');
    log(`starting an embedded PostgreSQL in ${dataDir}`);
    const e = await startEmbedded({ dataDir, port: Number(process.env.MCF_BENCH_PG_PORT ?? 54349), database: 'postgres' });
    base = e.url;
    stop = e.stop;
    where = 'embedded PostgreSQL';
  }
  const prefix = `mcf_bench${randomBytes(3).toString('hex')}`;
  const templateUrl = await createEmptyDatabase(base, `${prefix}_template`);
  const pool = createPool(templateUrl, { max: 2 });
  await migrateAll(pool, createKysely(pool), contextMigrations);
  const v = await pool.query<{ server_version: string }>('show server_version');
  await pool.end();
  const template = new URL(templateUrl).pathname.slice(1);
  return {
    where,
    version: v.rows[0].server_version,
    fresh: () => createDatabaseFromTemplate(withDatabase(base!, 'postgres'), template, prefix),
    async close() {
      await dropDatabasesLike(base!, prefix).catch((e) => log(`could not drop the benchmark databases: ${e}`));
      await stop?.();
    },
  };
}
