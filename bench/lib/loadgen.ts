// A load-generator process: holds many WebSocket subscribers and timestamps every message they get.
// Run by `Fleet` (fleet.ts) as a child process with an IPC channel; speaks tRPC's WebSocket protocol
// by hand (no tRPC client per socket, so the generator's own CPU cost stays small) or, against the
// bare baseline server, just listens. Commands and answers are plain objects over IPC.
import WebSocket from 'ws';
import pg from 'pg';

const now = () => performance.timeOrigin + performance.now();

export type LoadgenCommand =
  | {
      cmd: 'connect';
      url: string;
      mode: 'trpc' | 'bare';
      count: number;
      token?: string;
      path?: string;
      input?: unknown;
      /** The payload field whose string value names the event (the commit's key). */
      keyField: string;
      /** Sockets opened at once. */
      batch?: number;
    }
  /** The bare PostgreSQL baseline: LISTEN on a channel; a notification's payload is its key. */
  | { cmd: 'listen'; databaseUrl: string; channel: string }
  | { cmd: 'count' }
  | { cmd: 'collect'; commits: Record<string, number>; keep?: boolean }
  | { cmd: 'close' };

export interface ConnectResult {
  type: 'connected';
  open: number;
  started: number;
  failed: number;
  errors: string[];
}

export interface CollectResult {
  type: 'collected';
  received: number;
  matched: number;
  /** Keys received a number of times other than the number of sockets here (gap or duplicate). */
  irregularKeys: number;
  latenciesMs: number[];
  firstRecv: number | null;
  lastRecv: number | null;
}

const sockets: WebSocket[] = [];
const listeners: pg.Client[] = [];
let expectedPerKey: number | null = null;
let keys: string[] = [];
let times: number[] = [];
let errors: string[] = [];

function keyOf(text: string, needle: string): string | null {
  const i = text.indexOf(needle);
  if (i < 0) return null;
  const start = i + needle.length;
  const end = text.indexOf('"', start);
  return end < 0 ? null : text.slice(start, end);
}

function openOne(c: Extract<LoadgenCommand, { cmd: 'connect' }>): Promise<'started' | 'failed'> {
  const needle = `"${c.keyField}":"`;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: 'started' | 'failed', why?: string) => {
      if (settled) return;
      settled = true;
      if (why && errors.length < 5) errors.push(why);
      resolve(r);
    };
    const url = c.mode === 'trpc' ? `${c.url}?connectionParams=1` : c.url;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    sockets.push(ws);
    const timer = setTimeout(() => settle('failed', 'timed out opening'), 60_000);
    ws.on('open', () => {
      if (c.mode === 'bare') {
        clearTimeout(timer);
        settle('started');
        return;
      }
      ws.send(JSON.stringify({ method: 'connectionParams', data: c.token ? { token: c.token } : {} }));
      ws.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: c.path, input: c.input } }));
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const t = now();
      const text = isBinary ? '' : data.toString();
      if (text === 'PING') {
        ws.send('PONG');
        return;
      }
      const key = keyOf(text, needle);
      if (key !== null) {
        keys.push(key);
        times.push(t);
        return;
      }
      if (text.includes('"started"')) {
        clearTimeout(timer);
        settle('started');
      } else if (text.includes('"error"')) {
        clearTimeout(timer);
        settle('failed', text.slice(0, 300));
      }
    });
    ws.on('error', (e) => settle('failed', String(e)));
    ws.on('close', () => settle('failed', 'closed'));
  });
}

async function connect(c: Extract<LoadgenCommand, { cmd: 'connect' }>): Promise<ConnectResult> {
  const batch = c.batch ?? 100;
  let started = 0;
  let failed = 0;
  for (let i = 0; i < c.count; i += batch) {
    const n = Math.min(batch, c.count - i);
    const rs = await Promise.all(Array.from({ length: n }, () => openOne(c)));
    for (const r of rs) r === 'started' ? started++ : failed++;
  }
  return { type: 'connected', open: sockets.filter((s) => s.readyState === WebSocket.OPEN).length, started, failed, errors };
}

function collect(commits: Record<string, number>, keep = false): CollectResult {
  const latencies: number[] = [];
  const perKey = new Map<string, number>();
  let first: number | null = null;
  let last: number | null = null;
  for (let i = 0; i < keys.length; i++) {
    const t0 = commits[keys[i]];
    if (t0 === undefined) continue;
    perKey.set(keys[i], (perKey.get(keys[i]) ?? 0) + 1);
    latencies.push(Math.round((times[i] - t0) * 100) / 100);
    if (first === null || times[i] < first) first = times[i];
    if (last === null || times[i] > last) last = times[i];
  }
  const expected = expectedPerKey ?? sockets.length;
  let irregular = 0;
  for (const k of Object.keys(commits)) if ((perKey.get(k) ?? 0) !== expected) irregular++;
  const result: CollectResult = { type: 'collected', received: keys.length, matched: latencies.length, irregularKeys: irregular, latenciesMs: latencies, firstRecv: first, lastRecv: last };
  if (!keep) {
    keys = [];
    times = [];
  }
  return result;
}

process.on('message', async (m: LoadgenCommand) => {
  switch (m.cmd) {
    case 'connect':
      errors = [];
      process.send!(await connect(m));
      break;
    case 'listen': {
      const client = new pg.Client({ connectionString: m.databaseUrl });
      await client.connect();
      client.on('notification', (n) => {
        keys.push(n.payload ?? '');
        times.push(now());
      });
      await client.query(`listen ${client.escapeIdentifier(m.channel)}`);
      listeners.push(client);
      expectedPerKey = 1;
      process.send!({ type: 'connected', open: 1, started: 1, failed: 0, errors: [] });
      break;
    }
    case 'count':
      process.send!({ type: 'count', received: keys.length });
      break;
    case 'collect':
      process.send!(collect(m.commits, m.keep));
      break;
    case 'close':
      for (const s of sockets) s.terminate();
      await Promise.all(listeners.map((l) => l.end().catch(() => undefined)));
      process.send!({ type: 'closed' }, () => process.exit(0));
      break;
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'up', pid: process.pid });
