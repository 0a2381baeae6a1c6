// The matching pipeline's stored configuration: every change is a new version; matches keep theirs.
import { DomainError } from '@mcf/kernel';
import { pipelineConfigSchema, type PipelineConfig } from '../matching/index.ts';
import type { OrdersDb } from '../db/store.ts';
import { activePipeline } from './matcher.ts';

export async function getPipeline(db: OrdersDb) {
  const p = await activePipeline(db);
  const row = await db.selectFrom('pipeline_version').selectAll().where('version', '=', p.version).executeTakeFirstOrThrow();
  return { version: p.version, config: p.config, note: row.note, createdBy: row.created_by, createdAt: row.created_at.toISOString() };
}

export async function pipelineVersions(db: OrdersDb) {
  const rows = await db.selectFrom('pipeline_version').selectAll().orderBy('version', 'desc').limit(100).execute();
  return rows.map((r) => ({ version: r.version, config: r.config as PipelineConfig, note: r.note, createdBy: r.created_by, createdAt: r.created_at.toISOString() }));
}

export async function setPipeline(db: OrdersDb, config: unknown, note: string | null, by: string | null, basedOn?: number) {
  const parsed = pipelineConfigSchema.safeParse(config);
  if (!parsed.success) throw new DomainError('BAD_REQUEST', `config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('pipeline_version').select('version').orderBy('version', 'desc').limit(1).forUpdate().executeTakeFirstOrThrow();
    // Optimistic: two managers editing the same version must not silently overwrite each other.
    if (basedOn !== undefined && basedOn !== cur.version) throw new DomainError('CONFLICT', `The pipeline changed meanwhile (now version ${cur.version}); reload and edit again`);
    const version = cur.version + 1;
    await trx.insertInto('pipeline_version').values({ version, config: JSON.stringify(parsed.data), note, created_by: by }).execute();
    return { version };
  });
}
