// The migrator: idempotent, one schema per context, and a failed migration stops the server starting.
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'kysely';
import { createKysely, createPool, migrateAll, MigrationFailed } from '@mcf/db';
import { createEmptyDatabase } from '@mcf/db/testing';
import { contextMigrations } from '../src/contexts.ts';
import { spawnServer } from './support/harness.ts';

async function withFreshDb<T>(fn: (pool: ReturnType<typeof createPool>, url: string) => Promise<T>) {
  const url = await createEmptyDatabase(inject('databaseUrl'), inject('runPrefix'));
  const pool = createPool(url, { max: 4 });
  try {
    return await fn(pool, url);
  } finally {
    await pool.end();
  }
}

async function snapshot(db: ReturnType<typeof createKysely<any>>) {
  const r = await sql<{ table_schema: string; table_name: string; column_name: string; data_type: string }>`
    select table_schema, table_name, column_name, data_type from information_schema.columns
    where table_schema not in ('pg_catalog', 'information_schema') order by 1, 2, 3`.execute(db);
  return r.rows;
}

describe('migrations', () => {
  it('apply twice without change', async () => {
    await withFreshDb(async (pool) => {
      const db = createKysely<any>(pool);
      const first = await migrateAll(pool, db, contextMigrations);
      expect(first.length).toBeGreaterThan(0);
      const before = await snapshot(db);
      const second = await migrateAll(pool, db, contextMigrations);
      expect(second).toEqual([]);
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it('keep each context\'s tables in its own schema, and nothing in public', async () => {
    await withFreshDb(async (pool) => {
      const db = createKysely<any>(pool);
      await migrateAll(pool, db, contextMigrations);
      const rows = await sql<{ table_schema: string; table_name: string }>`
        select table_schema, table_name from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema')`.execute(db);
      const allowed = new Set([...contextMigrations.map((c) => c.schema), 'graphile_worker']);
      for (const r of rows.rows) expect(allowed, `${r.table_schema}.${r.table_name}`).toContain(r.table_schema);
      // Every context has its own migration history inside its schema.
      for (const c of contextMigrations) expect(rows.rows).toContainEqual({ table_schema: c.schema, table_name: 'kysely_migration' });
    });
  });

  it('report a failing migration by name and apply nothing after it', async () => {
    await withFreshDb(async (pool) => {
      const db = createKysely<any>(pool);
      const broken = [
        ...contextMigrations,
        { schema: 'broken', migrations: { '0001_bad': { up: async (d: any) => void (await sql`select * from no_such_table`.execute(d)) } } },
      ];
      await expect(migrateAll(pool, db, broken)).rejects.toBeInstanceOf(MigrationFailed);
      await expect(migrateAll(pool, db, broken)).rejects.toThrow(/broken\/0001_bad/);
    });
  });

  it('a server refuses to start on a failed migration', async () => {
    await withFreshDb(async (pool, url) => {
      // A table where the accounts migration wants to create its own makes that migration fail.
      await sql`create schema accounts; create table accounts.account (x int)`.execute(createKysely<any>(pool));
      await expect(spawnServer(url)).rejects.toThrow(/exited with 1[\s\S]*could not start/);
    });
  });
});
