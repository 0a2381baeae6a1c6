// Server configuration from the environment (documented in the README).
export interface ServerConfig {
  port: number;
  host: string;
  adminEmail: string;
  adminPassword: string | undefined;
  /** Largest request body accepted (photos are at most 5 MB decoded, ~6.7 MB as base64). */
  maxBodyBytes: number;
  jobConcurrency: number;
  /** Run graphile-worker in this process (set MCF_JOBS=off for an API-only process). */
  runJobs: boolean;
  poolSize: number;
  /** A statement running longer (lock waits included) is cancelled: nothing holds a connection forever. */
  statementTimeoutMs: number;
  logLevel: string;
  staticRoot: string | null;
}

export function readConfig(env: Record<string, string | undefined>, staticRoot: string | null): ServerConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    adminEmail: env.MCF_ADMIN_EMAIL ?? 'admin@mcf.local',
    adminPassword: env.MCF_ADMIN_PASSWORD,
    maxBodyBytes: Number(env.MCF_MAX_BODY_BYTES ?? 8 * 1024 * 1024),
    jobConcurrency: Number(env.MCF_JOB_CONCURRENCY ?? 4),
    runJobs: env.MCF_JOBS !== 'off',
    poolSize: Number(env.MCF_DB_POOL_SIZE ?? 20),
    statementTimeoutMs: Number(env.MCF_STATEMENT_TIMEOUT_MS ?? 30_000),
    logLevel: env.LOG_LEVEL ?? 'info',
    staticRoot,
  };
}
