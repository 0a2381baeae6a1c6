// Test databases: every test file gets its own, copied from a migrated template in milliseconds.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the server behind `baseUrl`; returns its URL. */
export async function createEmptyDatabase(baseUrl: string, prefix = 'mcf_t'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(baseUrl, (c) => c.query(`create database ${c.escapeIdentifier(name)}`));
  return withDatabase(baseUrl, name);
}

/** A fresh database copied from `template` (already migrated). */
export async function createDatabaseFromTemplate(baseUrl: string, template: string, prefix = 'mcf_t'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  // A template being copied must have no other sessions; retry briefly if one is closing.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(baseUrl, (c) => c.query(`create database ${c.escapeIdentifier(name)} template ${c.escapeIdentifier(template)}`));
      return withDatabase(baseUrl, name);
    } catch (e) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function dropDatabase(baseUrl: string, name: string) {
  await admin(baseUrl, (c) => c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`));
}

export async function dropDatabasesLike(baseUrl: string, prefix: string) {
  await admin(baseUrl, async (c) => {
    const r = await c.query(`select datname from pg_database where datname like $1`, [`${prefix}\\_%`]);
    for (const row of r.rows) await c.query(`drop database if exists ${c.escapeIdentifier(row.datname)} with (force)`);
  });
}

export { withDatabase };
