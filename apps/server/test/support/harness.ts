// Test harness: a real server (in this process or as a child process) on a fresh database copied
// from the migrated template, and typed tRPC clients that call it over HTTP and WebSocket.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCClient } from '@trpc/client';
import { createDatabaseFromTemplate } from '@mcf/db/testing';
import { createLogger, type Clock, type Role } from '@mcf/kernel';
import { startApp, type App } from '../../src/app.ts';
import type { AppRouter } from '../../src/router.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export type Client = TRPCClient<AppRouter>;

// The tRPC client is a proxy (every property is a procedure path), so its socket is kept beside it.
const sockets = new Map<Client, ReturnType<typeof createWSClient>>();

export async function closeClient(c: Client) {
  const ws = sockets.get(c);
  sockets.delete(c);
  await ws?.close();
}

/** A fresh migrated database for one test file or suite. */
export async function freshDatabase(): Promise<string> {
  return createDatabaseFromTemplate(inject('databaseUrl'), inject('templateDatabase'), inject('runPrefix'));
}

export function makeClient(baseUrl: string, token?: string | null): Client {
  const wsUrl = baseUrl.replace(/^http/, 'ws') + '/trpc';
  // Lazy: no socket until the first subscription, so HTTP-only tests open none.
  const ws = createWSClient({ url: wsUrl, WebSocket: WebSocket as never, lazy: { enabled: true, closeMs: 500 }, connectionParams: () => (token ? { token } : {}), retryDelayMs: () => 200 });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: ws }),
        false: httpBatchLink({ url: `${baseUrl}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
      }),
    ],
  });
  sockets.set(client, ws);
  return client;
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

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/** A real server process (`apps/server/src/main.ts`) on the given database. */
export async function spawnServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/server/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.CHILD_LOG_LEVEL ?? 'warn', MCF_ADMIN_PASSWORD: 'admin-pass-1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = out.match(/MCF_READY (\{.*\})/);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]).port);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
