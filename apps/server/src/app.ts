// The composition root: platform services, every context, the merged router, jobs, HTTP + WebSocket.
import type { AddressInfo } from 'node:net';
import { createKysely, createPool, migrateAll, type MigrationProgress } from '@mcf/db';
import { EventHub, EventPublisher, createLogger, systemClock, type Authenticator, type Clock, type Logger, type Platform, type ContextModule } from '@mcf/kernel';
import type { Runner } from 'graphile-worker';
import { buildContexts, contextMigrations, type Contexts } from './contexts.ts';
import { buildAppRouter } from './router.ts';
import { startJobs } from './jobs.ts';
import { createHttp } from './http.ts';
import { readConfig, type ServerConfig } from './config.ts';

export interface StartOptions {
  databaseUrl: string;
  env?: Record<string, string | undefined>;
  clock?: Clock;
  log?: Logger;
  /** Folder holding `web/dist` and `admin/dist` (apps/), or null to serve only the API. */
  staticRoot?: string | null;
  /** Overrides of the environment's configuration. */
  config?: Partial<ServerConfig>;
  migrate?: boolean;
  onMigration?: (p: MigrationProgress) => void;
}

export type App = Awaited<ReturnType<typeof startApp>>;

/**
 * One authenticator over several: each context recognises its own token prefix (accounts `mcfs_`,
 * hiring candidates `mcfc_`) and answers null for the rest; the first caller found wins.
 */
export function authenticateAny(authenticators: Authenticator[]): Authenticator {
  return async (token) => {
    for (const a of authenticators) {
      const caller = await a(token);
      if (caller) return caller;
    }
    return null;
  };
}

export async function startApp(opts: StartOptions) {
  const env = opts.env ?? process.env;
  const config = { ...readConfig(env, opts.staticRoot ?? null), ...opts.config };
  const log = opts.log ?? createLogger({ level: config.logLevel });
  const pool = createPool(opts.databaseUrl, { max: config.poolSize, applicationName: 'mcf-server', statementTimeoutMs: config.statementTimeoutMs });
  const db = createKysely<any>(pool);
  if (opts.migrate !== false) {
    // Migrations may run long, or wait for another process's: their own connections, no statement timeout.
    const migrationPool = createPool(opts.databaseUrl, { max: 4, applicationName: 'mcf-migrate' });
    try {
      await migrateAll(migrationPool, createKysely(migrationPool), contextMigrations, opts.onMigration);
    } finally {
      await migrationPool.end();
    }
  }

  const hub = new EventHub({ url: opts.databaseUrl, db, onError: (e) => log.warn({ err: e }, 'event listener trouble; reconnecting') });
  const events = new EventPublisher();
  const platform: Platform = { db, clock: opts.clock ?? systemClock, log, events, hub, env };
  const contexts: Contexts = buildContexts(platform);
  const modules = Object.values(contexts) as ContextModule[];
  events.register(modules.flatMap((m) => m.reactions ?? []));
  const router = buildAppRouter(contexts, db);

  await hub.start();
  let runner: Runner | null = null;
  // Jobs get their own connections: a burst of API calls must not starve job bookkeeping (graphile-worker
  // treats a failed "job completed" write as fatal), and jobs may wait longer for a connection.
  const jobsPool = config.runJobs
    ? createPool(opts.databaseUrl, { max: config.jobConcurrency + 4, connectionTimeoutMillis: 30_000, applicationName: 'mcf-jobs', statementTimeoutMs: config.statementTimeoutMs })
    : null;
  if (jobsPool) {
    runner = await startJobs({ pool: jobsPool, db: createKysely<any>(jobsPool), log, modules, concurrency: config.jobConcurrency });
    for (const m of modules) await m.start?.();
  }

  const http = createHttp({
    router,
    authenticate: authenticateAny([contexts.accounts.facade.authenticate, contexts.hiring.facade.authenticate]),
    guards: [contexts.hiring.facade.gate],
    log,
    maxBodyBytes: config.maxBodyBytes,
    staticRoot: config.staticRoot,
  });
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(config.port, config.host, () => resolve());
  });
  const port = (http.server.address() as AddressInfo).port;
  log.info({ port }, 'server listening');

  let stopping: Promise<void> | null = null;
  async function stop() {
    stopping ??= (async () => {
      log.info('shutting down');
      await http.close();
      await hub.stop();
      await runner?.stop();
      await jobsPool?.end();
      await pool.end();
      log.info('stopped');
    })();
    return stopping;
  }

  return { port, url: `http://127.0.0.1:${port}`, router, contexts, platform, pool, db, hub, config, stop };
}
