// Benchmark: live odds fan-out. 1,000 watchers subscribed (one WebSocket each) to one order's odds
// while 15 managers bet 50 times a second in total. Measures the delay from the bet's transaction
// (the odds event's `at`, taken just before commit) to its arrival at every watcher.
//
//   node --import tsx bench/odds-fanout.ts [--watchers 1000] [--rate 50] [--seconds 15] [--servers 1]
//
// Needs PostgreSQL: DATABASE_URL, or the server at 127.0.0.1:5432. A scratch database is created
// and dropped. The server runs as its own process (apps/server/src/main.ts). Bounded: ≤ 60 s.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, createWSClient, httpBatchLink, wsLink } from '@trpc/client';
import { createKysely, createPool } from '@mcf/db';
import { createEmptyDatabase, dropDatabase } from '@mcf/db/testing';
import { EventPublisher } from '@mcf/kernel';
import { ORDERS_REACTION, ORDER_EVENT_TYPES, type OddsChangedPayload } from '@mcf/betting';
import type { AppRouter } from '@mcf/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WebSocket = createRequire(path.join(root, 'apps/server/package.json'))('ws');

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const WATCHERS = arg('watchers', 1000);
const RATE = arg('rate', 50);
const SECONDS = Math.min(arg('seconds', 15), 30);
const MANAGERS = 15;
const SERVERS = Math.max(1, Math.min(arg('servers', 1), 4));
const HARD_LIMIT_MS = 60_000;

const started = Date.now();
const hardStop = setTimeout(() => {
  console.error('bench: hard limit of 60 s reached; stopping (partial figures follow)');
  report?.();
  void cleanup().finally(() => process.exit(2));
}, HARD_LIMIT_MS - 8_000);

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

let report: (() => void) | null = null;
let cleanupFns: (() => Promise<void> | void)[] = [];
async function cleanup() {
  for (const f of cleanupFns.reverse()) await Promise.resolve(f()).catch(() => undefined);
  cleanupFns = [];
}

async function main() {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbUrl = await createEmptyDatabase(base, 'mcf_bench');
  cleanupFns.push(() => dropDatabase(base, new URL(dbUrl).pathname.slice(1)));

  // The server(s), each in its own process, on the one database (the first one migrates).
  const startServer = async () => {
    const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', MCF_ADMIN_EMAIL: 'bench@mcf.local', MCF_ADMIN_PASSWORD: 'bench-pass-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    // Never leave a server behind: SIGTERM, then SIGKILL after 3 s, and SIGKILL if we exit first.
    let gone = false;
    void exited.then(() => (gone = true));
    process.once('exit', () => {
      if (!gone) child.kill('SIGKILL');
    });
    cleanupFns.push(async () => {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    });
    let out = '';
    return new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
      child.stdout!.on('data', (b) => {
        out += b;
        const m = out.match(/MCF_READY (\{.*\})/);
        if (m) (clearTimeout(t), resolve(JSON.parse(m[1]).port));
      });
      child.stderr!.on('data', (b) => (out += b));
    });
  };
  const ports = [await startServer()];
  for (let i = 1; i < SERVERS; i++) ports.push(await startServer());
  const port = ports[0];
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  const url = `http://127.0.0.1:${port}`;
  const http = (token?: string, at = url) =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${at}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })] });

  // Managers with money.
  const admin = await http().accounts.login.mutate({ email: 'bench@mcf.local', password: 'bench-pass-1' });
  const managers: { token: string; c: ReturnType<typeof http> }[] = [];
  for (let i = 0; i < MANAGERS; i++) {
    const email = `bench.manager.${i}@mcf.local`;
    await http(admin.token).accounts.create.mutate({ role: 'manager', email, name: `Bench ${i}`, password: 'bench-pass-1' });
    const { token } = await http().accounts.login.mutate({ email, password: 'bench-pass-1' });
    const c = http(token, urls[i % SERVERS]);
    await c.betting.topUp.mutate({ amountCents: 10_000_000 });
    managers.push({ token, c });
  }

  // One open order, announced as the orders context does (the betting reaction projects it).
  const pool = createPool(dbUrl, { max: 2 });
  cleanupFns.push(() => pool.end());
  const db = createKysely<any>(pool);
  const publisher = new EventPublisher();
  publisher.register([{ name: ORDERS_REACTION, on: ORDER_EVENT_TYPES }]);
  const orderId = randomUUID();
  await db.transaction().execute((trx) =>
    publisher.publish(trx, 'orders', [
      {
        type: 'orders.created',
        channels: [`order:${orderId}`, 'orders'],
        payload: { orderId, clientId: randomUUID(), workerId: null, serviceTypeId: randomUUID(), serviceTypeName: 'Bench', status: 'created', priceCents: null, scheduledAt: new Date().toISOString(), place: 'x', description: 'bench', copyOf: null, reason: null, noShow: false, previousWorkerId: null, at: new Date().toISOString() },
      },
    ]),
  );
  for (let i = 0; ; i++) {
    const ok = await managers[0].c.betting.odds.query({ orderId }).then(() => true, () => false);
    if (ok) break;
    if (i > 200) throw new Error('order never became open for betting');
    await new Promise((r) => setTimeout(r, 50));
  }

  // Watchers: one WebSocket each, spread over the managers' tokens.
  const latencies: number[] = [];
  const perEvent = new Map<string, { at: number; got: number; last: number }>();
  let ready = 0;
  const sockets: ReturnType<typeof createWSClient>[] = [];
  cleanupFns.push(async () => {
    await Promise.race([Promise.all(sockets.map((s) => s.close().catch(() => undefined))), new Promise((r) => setTimeout(r, 2000))]);
  });
  const wsUrls = urls.map((u) => u.replace(/^http/, 'ws') + '/trpc');
  for (let i = 0; i < WATCHERS; i++) {
    const token = managers[i % MANAGERS].token;
    const ws = createWSClient({ url: wsUrls[i % SERVERS], WebSocket, connectionParams: () => ({ token }) });
    sockets.push(ws);
    const c = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
    let first = true;
    c.betting.onOdds.subscribe(
      { orderId },
      {
        onData: (d) => {
          const now = Date.now();
          if (first) {
            first = false;
            ready++;
            return;
          }
          const p = d.data as OddsChangedPayload;
          const at = Date.parse(p.at);
          latencies.push(now - at);
          const e = perEvent.get(d.id) ?? { at, got: 0, last: 0 };
          e.got++;
          e.last = now;
          perEvent.set(d.id, e);
        },
        onError: (e) => console.error('watcher error', e.message),
      },
    );
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20));
  }
  const t0 = Date.now();
  while (ready < WATCHERS && WATCHERS > 0) {
    if (Date.now() - t0 > 20_000) throw new Error(`only ${ready}/${WATCHERS} watchers connected`);
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log(`bench: ${WATCHERS} watchers subscribed in ${Date.now() - t0} ms; betting at ${RATE}/s for ${SECONDS} s by ${MANAGERS} managers; ${SERVERS} server process(es)`);

  let betSeconds = SECONDS;
  let expected = 0;
  report = () => {
    const toEvery = [...perEvent.values()].filter((e) => e.got === WATCHERS).map((e) => e.last - e.at);
    const result = {
      servers: SERVERS,
      watchers: WATCHERS,
      managers: MANAGERS,
      betsPlaced: placed,
      betsFailed: failed,
      achievedBetRate: +(placed / betSeconds).toFixed(1),
      placeBetMs: { p50: pct(betMs, 50), p99: pct(betMs, 99) },
      deliveries: latencies.length,
      expectedDeliveries: expected,
      deliveriesPerSecond: Math.round(latencies.length / betSeconds),
      latencyMs: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: pct(latencies, 100) },
      toEveryWatcherMs: { p50: pct(toEvery, 50), p99: pct(toEvery, 99), max: pct(toEvery, 100) },
      wallSeconds: +((Date.now() - started) / 1000).toFixed(1),
    };
    console.log(JSON.stringify(result, null, 2));
    report = null;
  };

  // Bets at a steady rate, round-robin over the managers, outcomes in turn.
  const outcomes = ['completed', 'canceled', 'failed'] as const;
  let placed = 0;
  let failed = 0;
  const betMs: number[] = [];
  const inflight: Promise<unknown>[] = [];
  const betStart = Date.now();
  const total = RATE * SECONDS;
  for (let k = 0; k < total; k++) {
    const due = betStart + (k * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const m = managers[k % MANAGERS];
    const sent = Date.now();
    inflight.push(
      m.c.betting.placeBet.mutate({ orderId, outcome: outcomes[k % 3], amountCents: 100 + (k % 7) }).then(
        () => (placed++, betMs.push(Date.now() - sent)),
        (e) => (failed++, failed < 3 && console.error('bet failed', e.message)),
      ),
    );
  }
  await Promise.all(inflight);
  betSeconds = (Date.now() - betStart) / 1000;

  // Let the last events arrive (at most 10 s).
  expected = placed * WATCHERS;
  const t1 = Date.now();
  while (latencies.length < expected && Date.now() - t1 < 8_000) await new Promise((r) => setTimeout(r, 50));

  report!();
}

main()
  .then(async () => {
    await cleanup();
    clearTimeout(hardStop);
    process.exit(0);
  })
  .catch(async (e) => {
    console.error(e);
    await cleanup();
    process.exit(1);
  });
