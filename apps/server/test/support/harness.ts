// Test harness: a real server (in this process or as a child process) on a fresh database copied
// from the migrated template, and typed tRPC clients that call it over HTTP and WebSocket.
import { inject } from 'vitest';
import { createDatabaseFromTemplate } from '@mcf/db/testing';
import { createLogger, type Clock, type Role } from '@mcf/kernel';
import { startApp, type App } from '../../src/app.ts';

export { makeClient, closeClient, type Client } from './client.ts';
import { makeClient, closeClient, type Client } from './client.ts';

/** A fresh migrated database for one test file or suite. */
export async function freshDatabase(): Promise<string> {
  return createDatabaseFromTemplate(inject('databaseUrl'), inject('templateDatabase'), inject('runPrefix'));
}

export interface TestServer {
  app: App;
  url: string;
  databaseUrl: string;
  /** An anonymous client. */
  anon: Client;
  client(token?: string | null): Client;
  /** Creates an account with the given role (through the accounts facade) and signs it in. */
  signedIn(role: Role, name?: string): Promise<{ id: string; token: string; email: string; client: Client }>;
  managerToken(): Promise<string>;
  stop(): Promise<void>;
}

let seq = 0;

export interface TestServerOptions {
  databaseUrl?: string;
  env?: Record<string, string>;
  clock?: Clock;
  /** Folder holding `web/dist` and `admin/dist` (the browser tests pass `apps/`); API only when unset. */
  staticRoot?: string;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const databaseUrl = opts.databaseUrl ?? (await freshDatabase());
  const env = { MCF_JOB_CONCURRENCY: '2', ...opts.env };
  const app = await startApp({
    databaseUrl,
    env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
    clock: opts.clock,
    log: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    config: { port: 0, host: '127.0.0.1' },
    staticRoot: opts.staticRoot ?? null,
    migrate: false,
  });
  const clients: Client[] = [];
  const client = (token?: string | null) => {
    const c = makeClient(app.url, token);
    clients.push(c);
    return c;
  };
  const signedIn = async (role: Role, name?: string) => {
    const n = name ?? `${role}-${++seq}`;
    const email = `${n.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${seq}.${Date.now()}@test.mcf`;
    const id = await app.contexts.accounts.facade.createAccount({ role, email, name: n, password: 'test-password-1' });
    const r = await client().accounts.login.mutate({ email, password: 'test-password-1' });
    return { id, token: r.token, email, client: client(r.token) };
  };
  let manager: string | null = null;
  return {
    app,
    url: app.url,
    databaseUrl,
    anon: client(),
    client,
    signedIn,
    managerToken: async () => (manager ??= (await signedIn('manager')).token),
    async stop() {
      await Promise.all(clients.map((c) => closeClient(c).catch(() => undefined)));
      await app.stop();
    },
  };
}

export { spawnServer, type ServerProcess, type SpawnOptions } from './process.ts';
