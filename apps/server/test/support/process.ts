// A real server process (`apps/server/src/main.ts`), for tests and benchmarks alike. No Vitest here:
// the benchmark runner (`bench/run.ts`) imports this file outside the test runner.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
  /** Resolves when the process has exited (for any reason). */
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  /** Extra arguments for node before the script, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** A fixed port (default: any free one). */
  port?: number;
  /** How long to wait for MCF_READY. */
  startTimeoutMs?: number;
}

/** A real server process on the given database; resolves once it printed MCF_READY. */
export async function spawnServer(databaseUrl: string, env: Record<string, string> = {}, opts: SpawnOptions = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(repoRoot, 'apps/server/src/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(opts.port ?? 0),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.CHILD_LOG_LEVEL ?? 'warn',
      MCF_ADMIN_PASSWORD: 'admin-pass-1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code, signal) => r(code ?? (signal ? 128 : null))));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, opts.startTimeoutMs ?? 60_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.length > 200_000) out = out.slice(-100_000);
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
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
