// The migrator: each context gets its own schema and its own migration history inside it.
import { Kysely, Migrator, sql, type Migration } from 'kysely';
import { Logger, runMigrations as runWorkerMigrations } from 'graphile-worker';
import type pg from 'pg';

export interface ContextMigrations {
  /** The context's name, which is also its PostgreSQL schema. */
  schema: string;
  migrations: Record<string, Migration>;
}

export interface MigrationProgress {
  schema: string;
  migration: string;
  status: 'applied' | 'failed';
}

export class MigrationFailed extends Error {
  constructor(readonly schema: string, readonly migration: string | undefined, readonly cause: unknown) {
    super(`migration ${schema}/${migration ?? '?'} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 7_261_001;

export async function migrateAll(
  pool: pg.Pool,
  db: Kysely<unknown>,
  contexts: ContextMigrations[],
  onProgress: (p: MigrationProgress) => void = () => undefined,
): Promise<MigrationProgress[]> {
  const lockClient = await pool.connect();
  const done: MigrationProgress[] = [];
  try {
    // Two processes starting at once must not race on `create schema`.
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await runWorkerMigrations({ pgPool: pool, logger: silentLogger() });
    for (const ctx of contexts) {
      await sql`create schema if not exists ${sql.id(ctx.schema)}`.execute(db);
      const migrator = new Migrator({
        db: db.withSchema(ctx.schema),
        provider: { getMigrations: async () => ctx.migrations },
        migrationTableSchema: ctx.schema,
      });
      const { error, results } = await migrator.migrateToLatest();
      for (const r of results ?? []) {
        if (r.status === 'NotExecuted') continue;
        const p: MigrationProgress = { schema: ctx.schema, migration: r.migrationName, status: r.status === 'Success' ? 'applied' : 'failed' };
        done.push(p);
        onProgress(p);
      }
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName;
        throw new MigrationFailed(ctx.schema, failed, error);
      }
    }
    return done;
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lockClient.release();
  }
}

function silentLogger() {
  // Migrations are reported through onProgress; graphile-worker's own chatter is not needed here.
  return new Logger(() => () => undefined);
}
