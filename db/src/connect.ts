// Where the database is: DATABASE_URL when given, otherwise an embedded PostgreSQL under `.data/`.
import path from 'node:path';
import { startEmbedded } from './embedded.ts';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface OpenOptions {
  env?: NodeJS.ProcessEnv;
  /** The folder that holds `.data/`; the repository root by default. */
  root?: string;
  log?: (line: string) => void;
}

export async function openDatabase(opts: OpenOptions = {}): Promise<DatabaseHandle> {
  const env = opts.env ?? process.env;
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => undefined };
  const root = opts.root ?? process.cwd();
  const db = await startEmbedded({
    dataDir: path.resolve(root, env.MCF_DATA_DIR ?? '.data', 'pg'),
    port: Number(env.MCF_EMBEDDED_PG_PORT ?? 54329),
    database: env.MCF_EMBEDDED_PG_DATABASE ?? 'mcf',
    log: opts.log,
  });
  return { url: db.url, embedded: true, stop: db.stop };
}
