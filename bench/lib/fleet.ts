// The parent's side of the load generators: P child processes sharing N subscribers between them.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectResult, ConnectResult, LoadgenCommand } from './loadgen.ts';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'loadgen.ts');

class Child {
  private waiting: ((m: any) => void)[] = [];
  constructor(readonly proc: ChildProcess) {
    proc.on('message', (m) => this.waiting.shift()?.(m));
  }
  ask<T>(c: LoadgenCommand): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onExit = () => reject(new Error(`load generator ${this.proc.pid} exited`));
      this.proc.once('exit', onExit);
      this.waiting.push((m) => {
        this.proc.off('exit', onExit);
        resolve(m as T);
      });
      this.proc.send(c);
    });
  }
}

export interface FleetConnect {
  url: string;
  mode: 'trpc' | 'bare';
  token?: string;
  path?: string;
  input?: unknown;
  keyField: string;
}

export interface FleetResult {
  received: number;
  matched: number;
  irregularKeys: number;
  latenciesMs: number[];
  firstRecv: number | null;
  lastRecv: number | null;
}

export class Fleet {
  private constructor(private readonly children: Child[]) {}

  static async start(processes: number): Promise<Fleet> {
    const children = await Promise.all(
      Array.from({ length: processes }, async () => {
        const proc = fork(script, [], { execArgv: ['--import', 'tsx', '--max-old-space-size=1024'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        await new Promise<void>((resolve, reject) => {
          proc.once('message', () => resolve());
          proc.once('exit', (c) => reject(new Error(`load generator exited with ${c}`)));
        });
        return new Child(proc);
      }),
    );
    return new Fleet(children);
  }

  get pids() {
    return this.children.map((c) => c.proc.pid!);
  }

  /** Opens `total` subscribers spread evenly over the processes; resolves when all started (or failed). */
  async connect(total: number, o: FleetConnect) {
    const per = this.children.map((_, i) => Math.floor(total / this.children.length) + (i < total % this.children.length ? 1 : 0));
    const rs = await Promise.all(this.children.map((c, i) => c.ask<ConnectResult>({ cmd: 'connect', count: per[i], ...o })));
    return {
      started: rs.reduce((a, r) => a + r.started, 0),
      failed: rs.reduce((a, r) => a + r.failed, 0),
      errors: rs.flatMap((r) => r.errors).slice(0, 5),
    };
  }

  /** The bare PostgreSQL baseline: each process LISTENs on `channel`. */
  async listen(databaseUrl: string, channel: string) {
    await Promise.all(this.children.map((c) => c.ask({ cmd: 'listen', databaseUrl, channel })));
  }

  async received(): Promise<number> {
    const rs = await Promise.all(this.children.map((c) => c.ask<{ received: number }>({ cmd: 'count' })));
    return rs.reduce((a, r) => a + r.received, 0);
  }

  /** Waits until `expected` messages arrived, or nothing new came for `idleMs`. */
  async awaitReceived(expected: number, idleMs = 10_000): Promise<number> {
    let last = -1;
    let lastChange = Date.now();
    for (;;) {
      const n = await this.received();
      if (n >= expected) return n;
      if (n !== last) {
        last = n;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > idleMs) return n;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Latencies against `commits` (key → its time); `keep` leaves the receipts for another collect. */
  async collect(commits: Record<string, number>, o: { keep?: boolean } = {}): Promise<FleetResult> {
    const rs = await Promise.all(this.children.map((c) => c.ask<CollectResult>({ cmd: 'collect', commits, keep: o.keep })));
    const firsts = rs.map((r) => r.firstRecv).filter((x): x is number => x !== null);
    const lasts = rs.map((r) => r.lastRecv).filter((x): x is number => x !== null);
    return {
      received: rs.reduce((a, r) => a + r.received, 0),
      matched: rs.reduce((a, r) => a + r.matched, 0),
      irregularKeys: rs.reduce((a, r) => a + r.irregularKeys, 0),
      latenciesMs: rs.flatMap((r) => r.latenciesMs),
      firstRecv: firsts.length ? Math.min(...firsts) : null,
      lastRecv: lasts.length ? Math.max(...lasts) : null,
    };
  }

  async close() {
    await Promise.all(
      this.children.map(async (c) => {
        if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
        const exited = new Promise((r) => c.proc.once('exit', r));
        try {
          c.proc.send({ cmd: 'close' });
        } catch {
          /* already gone */
        }
        const t = setTimeout(() => c.proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }),
    );
  }
}
