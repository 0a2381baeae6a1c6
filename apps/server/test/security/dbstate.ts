// A fingerprint of every context schema's tables (row count and a checksum of the rows), to prove a
// batch of rejected calls changed nothing.
import { sql } from 'kysely';
import type { Db } from '@mcf/kernel';

/** Tables whose rows legitimately change on rejected calls: the sign-in attempt log (throttling). */
export const VOLATILE = new Set(['accounts.sign_in_attempt']);

const SKIP_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast', 'graphile_worker', 'graphile_migrate', 'public'];

export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema <> all(${SKIP_SCHEMAS}::text[]) and table_schema not like 'pg\\_%'
    order by 1, 2`.execute(db);
  const out: Record<string, string> = {};
  for (const t of tables.rows) {
    const key = `${t.schema}.${t.name}`;
    if (VOLATILE.has(key) || /^kysely_migration/.test(t.name)) continue;
    const r = await sql<{ n: string; h: string | null }>`select count(*)::text as n, md5(string_agg(x::text, '|' order by x::text)) as h from ${sql.table(key)} as x`.execute(db);
    out[key] = `${r.rows[0].n}:${r.rows[0].h ?? '-'}`;
  }
  return out;
}
