// `pnpm seed-testers <file.json|file.csv> [--json] [--base-url http://host:3000]`
// Imports the Happy Cat Box tester roster straight into the database, through the same accounts
// facade the `accounts.importTesters` procedure uses, and prints each new client's one-time login link.
// The database: DATABASE_URL, else the embedded one under .data/ (running or not).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '@mcf/db';
import { createLogger } from '@mcf/kernel';
import { parseRoster, testersSchema } from '@mcf/accounts';
import { startApp } from '../apps/server/src/app.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--base-url');
const asJson = args.includes('--json');
const baseUrl = (args.includes('--base-url') ? args[args.indexOf('--base-url') + 1] : process.env.MCF_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');

function die(message: string): never {
  console.error(`seed-testers: ${message}`);
  process.exit(1);
}

async function answers(url: string) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function database(): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  // `pnpm start` may already run the embedded server; use it rather than starting a second one.
  const url = `postgres://postgres:postgres@127.0.0.1:${process.env.MCF_EMBEDDED_PG_PORT ?? 54329}/${process.env.MCF_EMBEDDED_PG_DATABASE ?? 'mcf'}`;
  if (await answers(url)) return { url, embedded: true, stop: async () => undefined };
  return openDatabase({ root });
}

if (!file) die('usage: pnpm seed-testers <roster.json|roster.csv> [--json] [--base-url URL]');
let rows: unknown[];
try {
  rows = parseRoster(readFileSync(path.resolve(process.cwd(), file), 'utf8'));
} catch (e) {
  die(`cannot read ${file}: ${(e as Error).message}`);
}
const parsed = testersSchema.safeParse(rows);
if (!parsed.success) {
  die(parsed.error.issues.slice(0, 10).map((i) => `row ${typeof i.path[0] === 'number' ? i.path[0] + 1 : '?'} ${i.path.slice(1).join('.')}: ${i.message}`).join('\n'));
}

const db = await database();
// The whole composition (migrations, every context's reactions registered) without HTTP jobs running,
// so the accountCreated events reach the other contexts exactly as from the API.
const app = await startApp({
  databaseUrl: db.url,
  log: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }),
  config: { port: 0, host: '127.0.0.1', runJobs: false, staticRoot: null },
});
try {
  const { clients } = await app.contexts.accounts.facade.importTesters(parsed.data, null);
  if (asJson) {
    console.log(JSON.stringify({ clients: clients.map((c) => ({ ...c, loginUrl: c.loginToken ? `${baseUrl}/login/link?token=${encodeURIComponent(c.loginToken)}` : null })) }, null, 2));
  } else {
    const created = clients.filter((c) => c.created).length;
    console.log(`${clients.length} testers: ${created} new clients, ${clients.length - created} already known (unchanged)`);
    for (const c of clients) {
      console.log(`  ${c.externalId.padEnd(16)} ${c.id}  ${c.loginToken ? `${baseUrl}/login/link?token=${encodeURIComponent(c.loginToken)}` : '(known; a manager can issue a new link in the admin app)'}`);
    }
  }
} catch (e) {
  console.error(`seed-testers: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await app.stop();
  await db.stop();
}
