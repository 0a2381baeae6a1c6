// Benchmark: live odds fan-out. 1,000 watchers subscribed (one WebSocket each) to one order's odds
// while 15 managers bet 50 times a second in total. Measures the delay from the bet's commit (its
// statement's now(), the odds event's log time) to its arrival at every watcher.
//
//   node --import tsx bench/odds-fanout.ts [--watchers 1000] [--rate 50] [--seconds 15] [--servers 1] [--split]
//
// Standalone it creates and drops a scratch database on DATABASE_URL or 127.0.0.1:5432 and runs the
// server(s) as their own processes; bounded: ≤ 60 s. It is also a `pnpm bench` module (default export,
// fills the `odds-fanout` hook; `pnpm bench -- --only=odds`, options after `--` as above).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { sql } from 'kysely';
import { createKysely, createPool } from '@mcf/db';
import { createEmptyDatabase, dropDatabase } from '@mcf/db/testing';
import { EventPublisher } from '@mcf/kernel';
import { ORDERS_REACTION, ORDER_EVENT_TYPES, type OddsChangedPayload } from '@mcf/betting';
import type { AppRouter } from '@mcf/server';
import type { BenchContext, BenchModule, Row } from './lib/types.ts';
import { Fleet } from './lib/fleet.ts';
import { BareServer } from './lib/bare.ts';
import { mutate } from './lib/rpc.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MANAGERS = 15;
const ADMIN = { email: 'bench@mcf.local', password: 'bench-pass-1' };
export const ADMIN_ENV = { MCF_ADMIN_EMAIL: ADMIN.email, MCF_ADMIN_PASSWORD: ADMIN.password };

export interface OddsFanoutOptions {
  watchers: number;
  rate: number;
  seconds: number;
  /** Base URLs of the server processes (all on `databaseUrl`). */
  urls: string[];
  databaseUrl: string;
  log(m: string): void;
  /** Abort: report what was measured so far. */
  signal?: AbortSignal;
  /** With several servers: bets go to the first, watchers to the others (writers apart from fan-out). */
  split?: boolean;
  /** Epoch ms by which the measurement must end: the betting phase is shortened to fit. */
  deadline?: number;
}

export interface OddsFanoutResult {
  servers: number;
  split: boolean;
  watchers: number;
  managers: number;
  betsPlaced: number;
  betsFailed: number;
  achievedBetRate: number;
  placeBetMs: { p50: number; p99: number };
  deliveries: number;
  expectedDeliveries: number;
  /** Odds changes not received exactly once by every watcher (gaps or repeats). */
  irregularEvents: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureOddsFanout(o: OddsFanoutOptions): Promise<OddsFanoutResult> {
  const { watchers: WATCHERS, rate: RATE, seconds: SECONDS, urls } = o;
  const http = (token: string | undefined, at: string) =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${at}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })] });

  // Managers with money.
  const tm = Date.now();
  const admin = await http(undefined, urls[0]).accounts.login.mutate(ADMIN);
  const managers = await Promise.all(
    Array.from({ length: MANAGERS }, async (_, i) => {
      const email = `bench.manager.${i}.${randomUUID().slice(0, 6)}@mcf.local`;
      await http(admin.token, urls[0]).accounts.create.mutate({ role: 'manager', email, name: `Bench ${i}`, password: ADMIN.password });
      const { token } = await http(undefined, urls[0]).accounts.login.mutate({ email, password: ADMIN.password });
      const c = http(token, o.split ? urls[0] : urls[i % urls.length]);
      await c.betting.topUp.mutate({ amountCents: 10_000_000 });
      return { token, c, url: o.split ? urls[0] : urls[i % urls.length] };
    }),
  );

  o.log(`${MANAGERS} managers signed in with money in ${Date.now() - tm} ms`);
  // One open order, announced as the orders context does (the betting reaction projects it).
  const pool = createPool(o.databaseUrl, { max: 2 });
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const db = createKysely<any>(pool);
    const publisher = new EventPublisher();
    publisher.register([{ name: ORDERS_REACTION, on: ORDER_EVENT_TYPES }]);
    const orderId = randomUUID();
    const now = new Date().toISOString();
    await db.transaction().execute((trx) =>
      publisher.publish(trx, 'orders', [
        {
          type: 'orders.created',
          channels: [`order:${orderId}`, 'orders'],
          payload: { orderId, clientId: randomUUID(), workerId: null, serviceTypeId: randomUUID(), serviceTypeName: 'Bench', status: 'created', priceCents: null, scheduledAt: now, place: 'x', description: 'bench', copyOf: null, reason: null, noShow: false, previousWorkerId: null, at: now },
        },
      ]),
    );
    for (let i = 0; !(await managers[0].c.betting.odds.query({ orderId }).then(() => true, () => false)); i++) {
      if (i > 200) throw new Error('the order never became open for betting');
      await sleep(50);
    }

    // Watchers: one WebSocket each, in load-generator processes that speak tRPC's WebSocket protocol
    // by hand (as the fan-out benchmark does), so the watchers' own CPU stays small and apart.
    const wsUrls = (o.split && urls.length > 1 ? urls.slice(1) : urls).map((u) => u.replace(/^http/, 'ws') + '/trpc');
    const fleets = await Promise.all(wsUrls.map(() => Fleet.start(Math.max(1, Math.min(4, Math.ceil(WATCHERS / 250 / wsUrls.length))))));
    closers.push(() => Promise.all(fleets.map((f) => f.close())));
    const t0 = Date.now();
    let ready = 0;
    for (let i = 0; i < fleets.length; i++) {
      const n = Math.floor(WATCHERS / fleets.length) + (i < WATCHERS % fleets.length ? 1 : 0);
      // The tracked event id is the first string "id" of every data frame: commits are joined on it.
      const c = await fleets[i].connect(n, { url: wsUrls[i], mode: 'trpc', token: managers[i % MANAGERS].token, path: 'betting.onOdds', input: { orderId }, keyField: 'id' });
      if (c.failed) o.log(`${c.failed} watchers failed: ${c.errors.join(' | ')}`);
      ready += c.started;
    }
    if (ready < WATCHERS) throw new Error(`only ${ready}/${WATCHERS} watchers subscribed`);
    const before = await sql<{ max: string | null }>`select max(id) as max from platform.event_log`.execute(db);
    const firstId = Number(before.rows[0].max ?? 0);
    o.log(`${WATCHERS} watchers subscribed in ${Date.now() - t0} ms; betting at ${RATE}/s for ${SECONDS} s by ${MANAGERS} managers; ${urls.length} server process(es)`);

    // Bets at a steady rate, round-robin over the managers, outcomes in turn.
    const outcomes = ['completed', 'canceled', 'failed'] as const;
    let placed = 0;
    let failed = 0;
    const betMs: number[] = [];
    const inflight: Promise<unknown>[] = [];
    const betStart = Date.now();
    // Leave room to drain (≤ 8 s) before the deadline, if there is one.
    const betSeconds0 = o.deadline ? Math.max(2, Math.min(SECONDS, (o.deadline - betStart - 8_000) / 1000)) : SECONDS;
    if (betSeconds0 < SECONDS) o.log(`betting for ${betSeconds0.toFixed(1)} s only, to stay within the time limit`);
    for (let k = 0; k < RATE * betSeconds0 && !o.signal?.aborted; k++) {
      const wait = betStart + (k * 1000) / RATE - Date.now();
      if (wait > 0) await sleep(wait);
      const sent = Date.now();
      inflight.push(
        // The light caller (bench/lib/rpc.ts): the driver shares the server's two cores.
        mutate(managers[k % MANAGERS].url, managers[k % MANAGERS].token, 'betting.placeBet', { orderId, outcome: outcomes[k % 3], amountCents: 100 + (k % 7) }).then(
          () => (placed++, betMs.push(Date.now() - sent)),
          (e) => (failed++, failed <= 3 && o.log(`bet failed: ${e.message}`)),
        ),
      );
    }
    await Promise.race([Promise.all(inflight), new Promise((r) => o.signal?.addEventListener('abort', r))]);
    const betSeconds = (Date.now() - betStart) / 1000;
    // Each odds change's commit time: the log row's `at`, PostgreSQL's now() in the bet's statement,
    // which runs on its own and commits as it ends; so `at` is at or a little before the commit (it
    // also holds any wait for the pool's row lock). Microseconds kept: same machine clock as the watchers'.
    const events = await sql<{ id: string; at_ms: string }>`select id, extract(epoch from at) * 1000 as at_ms from platform.event_log where type = 'betting.oddsChanged' and id > ${firstId} and channels @> array[${`odds:${orderId}`}]::text[]`.execute(db);
    const commits = Object.fromEntries(events.rows.map((r) => [String(r.id), Number(r.at_ms)]));
    const expected = events.rows.length * WATCHERS;
    // Let the last events arrive (at most 8 s without progress).
    // Every watcher also got the current odds when it subscribed (not a bet: not in `commits`).
    await Promise.all(fleets.map((f, i) => f.awaitReceived((events.rows.length + 1) * (Math.floor(WATCHERS / fleets.length) + (i < WATCHERS % fleets.length ? 1 : 0)), 8_000)));
    const results = await Promise.all(fleets.map((f) => f.collect(commits)));
    const latencies = results.flatMap((r) => r.latenciesMs);
    const irregular = results.reduce((a, r) => a + r.irregularKeys, 0);
    return {
      servers: urls.length,
      split: !!o.split && urls.length > 1,
      watchers: WATCHERS,
      managers: MANAGERS,
      betsPlaced: placed,
      betsFailed: failed,
      achievedBetRate: +(placed / betSeconds).toFixed(1),
      placeBetMs: { p50: pct(betMs, 50), p99: pct(betMs, 99) },
      deliveries: latencies.length,
      expectedDeliveries: expected,
      irregularEvents: irregular,
      deliveriesPerSecond: Math.round(latencies.length / betSeconds),
      latencyMs: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: pct(latencies, 100) },
    };
  } finally {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

/**
 * The same machine's floor: a bare `ws` server broadcasting an odds-sized frame to the same number of
 * sockets (same load generators), at the same rate. Timed from the moment each event exists — when
 * the driver hands it over, as a commit is for MCF — so time spent waiting behind the previous
 * broadcast counts, as it does for MCF; the broadcasts are not awaited one by one (that would slow the
 * rate instead of queueing). Also reported: from the broadcast call itself (the loop alone).
 */
export async function measureBareOdds(o: { watchers: number; rate: number; seconds: number }) {
  const bare = await BareServer.start();
  const fleet = await Fleet.start(Math.max(1, Math.min(4, Math.ceil(o.watchers / 250))));
  try {
    const c = await fleet.connect(o.watchers, { url: bare.url, mode: 'bare', keyField: 'id' });
    if (c.started < o.watchers) throw new Error(`bare: only ${c.started}/${o.watchers} sockets`);
    const created: Record<string, number> = {};
    const called: Record<string, number> = {};
    const sent: Promise<unknown>[] = [];
    const start = Date.now();
    const n = Math.round(o.rate * o.seconds);
    for (let k = 0; k < n; k++) {
      const wait = start + (k * 1000) / o.rate - Date.now();
      if (wait > 0) await sleep(wait);
      const id = String(9_000_000 + k);
      const stake = { stakeCents: 100 * k, odds: 3.0001 };
      const data = { orderId: '00000000-0000-4000-8000-000000000001', open: true, poolCents: 300 * k, outcomes: { completed: stake, canceled: stake, failed: stake }, at: new Date().toISOString() };
      created[id] = performance.timeOrigin + performance.now();
      sent.push(bare.broadcast(id, { id: 1, result: { type: 'data', data: { id, data }, id } }).then((t0) => (called[id] = t0)));
    }
    await Promise.all(sent);
    const achievedRate = n / ((Date.now() - start) / 1000);
    await fleet.awaitReceived(n * o.watchers, 8_000);
    const r = await fleet.collect(created, { keep: true });
    const fromCall = await fleet.collect(called);
    return {
      deliveries: r.matched,
      expected: n * o.watchers,
      achievedRate,
      latencyMs: { p50: pct(r.latenciesMs, 50), p99: pct(r.latenciesMs, 99) },
      fromBroadcastCallMs: { p50: pct(fromCall.latenciesMs, 50), p99: pct(fromCall.latenciesMs, 99) },
    };
  } finally {
    await fleet.close();
    await bare.close();
  }
}

function options(args: string[], quick = false) {
  const arg = (name: string, dflt: number) => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return dflt;
    const v = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
    return Number.isFinite(Number(v)) ? Number(v) : dflt;
  };
  return {
    watchers: arg('watchers', quick ? 200 : 1000),
    rate: arg('rate', quick ? 10 : 50),
    seconds: Math.min(arg('seconds', quick ? 5 : 15), 30),
    servers: Math.max(1, Math.min(arg('servers', 1), 4)),
    split: args.includes('--split'),
  };
}

/** `pnpm bench` module. */
const bench: BenchModule = {
  name: 'odds-fanout',
  provides: ['odds-fanout'],
  async run(ctx: BenchContext): Promise<Row[]> {
    const opt = options(ctx.args, ctx.quick);
    const db = await ctx.freshDatabase();
    const servers = [];
    try {
      for (let i = 0; i < opt.servers; i++) servers.push(await ctx.spawnServer(db, ADMIN_ENV, `odds-${i}`));
      const r = await measureOddsFanout({ ...opt, urls: servers.map((s) => s.url), databaseUrl: db, log: ctx.log });
      for (const s of servers.splice(0)) await ctx.stopServer(s);
      const b = await measureBareOdds(opt);
      ctx.log(`odds: bare ws at ${opt.rate}/s to ${opt.watchers} sockets (${b.achievedRate.toFixed(1)}/s sent): from the event p50 ${b.latencyMs.p50} ms, p99 ${b.latencyMs.p99} ms; from the broadcast call p50 ${b.fromBroadcastCallMs.p50}, p99 ${b.fromBroadcastCallMs.p99} ms (${b.deliveries}/${b.expected})`);
      const what = `${r.watchers} watchers × ${opt.rate} bets/s`;
      const row = (metric: string, value: number, unit: string, note?: string): Row => ({ group: 'betting', metric: `${metric}, ${what}`, value: Number.isFinite(value) ? value : null, unit, status: 'measured', note });
      const bare = (v: number) => ({ name: `bare ws broadcaster, same rate and sockets, from the event`, value: Number.isFinite(v) ? v : null });
      const callNote = `bare ws from its broadcast call (its own queueing left out): p50 ${b.fromBroadcastCallMs.p50} ms, p99 ${b.fromBroadcastCallMs.p99} ms`;
      return [
        { ...row('onOdds commit→watcher p50', r.latencyMs.p50, 'ms'), baseline: bare(b.latencyMs.p50) },
        { ...row('onOdds commit→watcher p99', r.latencyMs.p99, 'ms', callNote), baseline: bare(b.latencyMs.p99), goal: '< 50 ms', pass: Number.isFinite(r.latencyMs.p99) && r.latencyMs.p99 < 50 },
        row('onOdds deliveries/s', r.deliveriesPerSecond, '/s', `${r.achievedBetRate} bets/s placed (p50 ${r.placeBetMs.p50} ms, p99 ${r.placeBetMs.p99} ms per bet); ${r.deliveries} of ${r.expectedDeliveries} delivered, ${r.irregularEvents} odds changes irregular; ${r.betsFailed} bets failed`),
      ];
    } finally {
      for (const s of servers) await ctx.stopServer(s).catch(() => undefined);
    }
  },
};
export default bench;

// ---------------------------------------------------------------- standalone

async function standalone() {
  const opt = options(process.argv.slice(2));
  const started = Date.now();
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const cleanup = async () => {
    for (const f of cleanups.reverse()) await Promise.resolve(f()).catch(() => undefined);
    cleanups.length = 0;
  };
  const abort = new AbortController();
  // Bounded: the betting phase shrinks to end by 50 s, whatever happens, and the process exits by 60 s.
  const soft = setTimeout(() => abort.abort(), 50_000);
  const hard = setTimeout(() => {
    console.error('odds-fanout: hard limit of 60 s reached');
    void cleanup().finally(() => process.exit(2));
  }, 57_000);
  try {
    const dbUrl = await createEmptyDatabase(base, 'mcf_bench');
    cleanups.push(() => dropDatabase(base, new URL(dbUrl).pathname.slice(1)));
    const urls: string[] = [];
    for (let i = 0; i < opt.servers; i++) urls.push(await startServer(dbUrl, cleanups));
    console.log(`odds-fanout: ${opt.servers} server(s) up in ${Date.now() - started} ms`);
    const r = await measureOddsFanout({ ...opt, urls, databaseUrl: dbUrl, log: (m) => console.log(`odds-fanout: ${m}`), signal: abort.signal, deadline: started + 50_000 });
    console.log(JSON.stringify({ ...r, partial: abort.signal.aborted, wallSeconds: +((Date.now() - started) / 1000).toFixed(1) }, null, 2));
  } finally {
    clearTimeout(soft);
    await cleanup();
    clearTimeout(hard);
  }
}

/** A server process on `dbUrl` (the first one migrates); never left behind. */
async function startServer(dbUrl: string, cleanups: (() => Promise<unknown> | unknown)[]): Promise<string> {
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...ADMIN_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let gone = false;
  const exited = new Promise((r) => child.once('exit', () => ((gone = true), r(null))));
  process.once('exit', () => {
    if (!gone) child.kill('SIGKILL');
  });
  cleanups.push(async () => {
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (b) => {
      out += b;
      const m = out.match(/MCF_READY (\{.*\})/);
      if (m) (clearTimeout(t), resolve(JSON.parse(m[1]).port));
    });
    child.stderr!.on('data', (b) => (out += b));
  });
  return `http://127.0.0.1:${port}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  standalone().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
