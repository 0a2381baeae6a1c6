// The parent's handle on the bare `ws` baseline server process (bare-server.ts).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bare-server.ts');

export class BareServer {
  private waiting: ((m: any) => void)[] = [];
  private constructor(readonly proc: ChildProcess, readonly port: number) {
    proc.on('message', (m) => this.waiting.shift()?.(m));
  }

  static async start(): Promise<BareServer> {
    const proc = fork(script, [], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      proc.once('message', (m: any) => resolve(m.port));
      proc.once('exit', (c) => reject(new Error(`bare server exited with ${c}`)));
    });
    return new BareServer(proc, port);
  }

  get url() {
    return `ws://127.0.0.1:${this.port}/`;
  }
  get pid() {
    return this.proc.pid!;
  }

  private ask<T>(m: unknown): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.proc.send(m as never);
    });
  }

  /** Broadcasts one message to every socket; resolves with the time the broadcast started. */
  async broadcast(key: string, message: unknown): Promise<number> {
    const r = await this.ask<{ t0: number }>({ cmd: 'broadcast', key, message });
    return r.t0;
  }

  async close() {
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.send({ cmd: 'close' });
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  }
}
