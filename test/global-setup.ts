// Finds the PostgreSQL server the tests use and migrates a template database once per run.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { createKysely, createPool, migrateAll, startEmbedded } from '@mcf/db';
import { createEmptyDatabase, dropDatabasesLike, withDatabase } from '@mcf/db/testing';
import { contextMigrations } from '@mcf/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function answers(host: string, port: number) {
  return new Promise<boolean>((resolve) => {
    const s = net.connect({ host, port, timeout: 1000 });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    templateDatabase: string;
    runPrefix: string;
  }
}

interface Prepared {
  baseUrl: string;
  templateDatabase: string;
  runPrefix: string;
  embedded: boolean;
  teardown(): Promise<void>;
}

async function prepare(): Promise<Prepared> {
  let baseUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!baseUrl && process.env.MCF_TEST_EMBEDDED !== '1' && (await answers('127.0.0.1', 5432))) {
    baseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  }
  if (!baseUrl) {
    // Under the system temp folder: when run as root, PostgreSQL runs as the `postgres` user, who must reach it.
    const dataDir = path.join(os.tmpdir(), `mcf-test-pg-${Buffer.from(root).toString('base64url').slice(-16)}`);
    const embedded = await startEmbedded({ dataDir, port: Number(process.env.MCF_TEST_PG_PORT ?? 54339), database: 'postgres' });
    baseUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const runPrefix = `mcf_t${randomBytes(3).toString('hex')}`;
  const templateUrl = await createEmptyDatabase(baseUrl, `${runPrefix}_template`);
  const pool = createPool(templateUrl, { max: 4 });
  await migrateAll(pool, createKysely(pool), contextMigrations);
  await pool.end();
  process.stdout.write(`[tests] PostgreSQL at ${new URL(baseUrl).host}${stopEmbedded ? ' (embedded)' : ''}\n`);
  return {
    baseUrl,
    templateDatabase: new URL(templateUrl).pathname.slice(1),
    runPrefix,
    embedded: Boolean(stopEmbedded),
    async teardown() {
      if (process.env.MCF_KEEP_TEST_DATABASES !== '1') await dropDatabasesLike(baseUrl!, runPrefix);
      await stopEmbedded?.();
    },
  };
}

// Vitest calls the global setup for the root and again for each project, all in this one process:
// prepare once, tear down after the last.
const shared = globalThis as unknown as { __mcfTestDb?: Promise<Prepared>; __mcfTestDbUsers?: number };

export default async function setup(project: TestProject) {
  shared.__mcfTestDb ??= prepare();
  shared.__mcfTestDbUsers = (shared.__mcfTestDbUsers ?? 0) + 1;
  const p = await shared.__mcfTestDb;
  project.provide('databaseUrl', withDatabase(p.baseUrl, 'postgres'));
  project.provide('templateDatabase', p.templateDatabase);
  project.provide('runPrefix', p.runPrefix);
  return async () => {
    shared.__mcfTestDbUsers = (shared.__mcfTestDbUsers ?? 1) - 1;
    if (shared.__mcfTestDbUsers === 0) {
      delete shared.__mcfTestDb;
      await p.teardown();
    }
  };
}
