// Live fan-out: N WebSocket subscribers (spread over load-generator processes) on one server process
// watch one channel while a burst of commits goes through the kernel outbox (or, with --commit=api, the
// public API). Paired, in the same run, with a bare `ws` server broadcasting the same message to the
// same number of sockets. Run for each target of bench/targets.ts: the managers' account feed
// (accounts.onAccounts), one order's status (orders.onStatus) and one order's odds (betting.onOdds);
// `--targets=accounts,orders,odds` picks them (default: all three; with --quick, orders only).
import { randomBytes } from 'node:crypto';
import { createKysely, createPool } from '@mcf/db';
import { Fleet } from './lib/fleet.ts';
import { BareServer } from './lib/bare.ts';
import { barChart } from './lib/svg.ts';
import { now, rssOf, sleep, summarise } from './lib/stats.ts';
import type { BenchContext, BenchModule, Row } from './lib/types.ts';
import { fanoutTargets, type FanoutTarget } from './targets.ts';

interface RoundResult {
  target: FanoutTarget;
  subscribers: number;
  started: number;
  events: number;
  delivered: number;
  irregularKeys: number;
  ratePerSec: number | null;
  p50: number | null;
  p99: number | null;
  bytesPerSubscriber: number | null;
  commitsPerSec: number | null;
  errors: string[];
}

/** RSS after a full garbage collection (SIGUSR2 runs one in a process started with --expose-gc). */
async function settledRss(pid: number) {
  await sleep(1000);
  process.kill(pid, 'SIGUSR2');
  await sleep(1000);
  return rssOf(pid);
}

async function pool<T>(n: number, concurrency: number, f: (i: number) => Promise<T>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await f(next++);
    }),
  );
}

/** `--commit=api` commits through the public API (the target's `commitCall`) instead of the kernel outbox. */
const commitVia = (ctx: BenchContext) => (ctx.args.includes('--commit=api') ? 'api' : 'outbox');

/** `--targets=accounts,orders,odds` (ids or subscription paths); default all, or orders only with --quick. */
function selectTargets(ctx: BenchContext): FanoutTarget[] {
  const wanted = ctx.args.find((a) => a.startsWith('--targets='))?.slice('--targets='.length).split(',').filter(Boolean) ?? (ctx.quick ? ['orders'] : fanoutTargets.map((t) => t.id));
  return wanted.map((w) => {
    const t = fanoutTargets.find((x) => x.id === w || x.path === w);
    if (!t) throw new Error(`--targets: no fan-out target ${w} (there are ${fanoutTargets.map((x) => `${x.id} = ${x.path}`).join(', ')})`);
    return t;
  });
}

async function mcfRound(ctx: BenchContext, target: FanoutTarget, n: number): Promise<RoundResult> {
  const db = await ctx.freshDatabase();
  const server = await ctx.spawnServer(db, {}, `fanout-${target.id}-${n}`);
  const pgPool = createPool(db, { max: ctx.sizes.commitConcurrency });
  const kdb = createKysely<any>(pgPool);
  const fleet = await Fleet.start(Math.min(ctx.sizes.loadProcesses, Math.max(1, Math.ceil(n / 250))));
  try {
    const run = randomBytes(3).toString('hex');
    const t = await target.prepare(server, run);
    for (let i = 0; i < 3; i++) await t.commit(-1 - i); // warm-up
    const rss0 = await settledRss(server.pid);
    const c = await fleet.connect(n, { url: server.url.replace(/^http/, 'ws') + '/trpc', mode: 'trpc', token: t.token, path: target.path, input: t.input, keyField: target.keyField });
    ctx.log(`  mcf: ${c.started}/${n} subscribers started${c.failed ? `, ${c.failed} failed: ${c.errors.join(' | ')}` : ''}`);
    const rss1 = await settledRss(server.pid);
    await fleet.collect({}); // drop anything received while connecting

    const events = ctx.sizes.fanoutEvents;
    const commits: Record<string, number> = {};
    const tStart = now();
    await pool(events, ctx.sizes.commitConcurrency, async (i) => {
      const key = commitVia(ctx) === 'api' ? await t.commit(i) : await t.commitOutbox(kdb, i);
      commits[key] = t.returnedAt?.get(key) ?? now();
    });
    const tCommitted = now();
    await fleet.awaitReceived(c.started * events, 60_000);
    const r = await fleet.collect(commits);
    const lat = summarise(r.latenciesMs);
    return {
      target,
      subscribers: n,
      started: c.started,
      events,
      delivered: r.matched,
      irregularKeys: r.irregularKeys,
      ratePerSec: r.lastRecv ? (r.matched / (r.lastRecv - tStart)) * 1000 : null,
      p50: lat.p50,
      p99: lat.p99,
      bytesPerSubscriber: c.started ? (rss1 - rss0) / c.started : null,
      commitsPerSec: (events / (tCommitted - tStart)) * 1000,
      errors: c.errors,
    };
  } finally {
    await fleet.close();
    await pgPool.end();
    await ctx.stopServer(server);
  }
}

async function bareRound(ctx: BenchContext, target: FanoutTarget, n: number): Promise<RoundResult> {
  const bare = await BareServer.start();
  const fleet = await Fleet.start(Math.min(ctx.sizes.loadProcesses, Math.max(1, Math.ceil(n / 250))));
  try {
    const rss0 = await settledRss(bare.pid);
    const c = await fleet.connect(n, { url: bare.url, mode: 'bare', keyField: target.keyField });
    ctx.log(`  bare ws: ${c.started}/${n} sockets open`);
    const rss1 = await settledRss(bare.pid);
    const run = randomBytes(3).toString('hex');
    const events = ctx.sizes.fanoutEvents;
    const commits: Record<string, number> = {};
    const tStart = now();
    for (let i = 0; i < events; i++) {
      const key = target.bareKey?.(i, run) ?? `00000000-0000-4000-8000-${run}${String(i).padStart(6, '0')}`; // shaped like the real key
      commits[key] = await bare.broadcast(key, target.bareMessage(key, i, run));
    }
    await fleet.awaitReceived(c.started * events, 60_000);
    const r = await fleet.collect(commits);
    const lat = summarise(r.latenciesMs);
    return {
      target,
      subscribers: n,
      started: c.started,
      events,
      delivered: r.matched,
      irregularKeys: r.irregularKeys,
      ratePerSec: r.lastRecv ? (r.matched / (r.lastRecv - tStart)) * 1000 : null,
      p50: lat.p50,
      p99: lat.p99,
      bytesPerSubscriber: c.started ? (rss1 - rss0) / c.started : null,
      commitsPerSec: null,
      errors: c.errors,
    };
  } finally {
    await fleet.close();
    await bare.close();
  }
}

const n = (x: number) => x.toLocaleString('en-US');

/** The rows of one round (one target, one subscriber count), labelled by the target's subscription. */
function roundRows(ctx: BenchContext, mcf: RoundResult, bare: RoundResult): Row[] {
  const target = mcf.target;
  const subs = mcf.subscribers;
  const what = `${target.path}, ${n(subs)} subscribers`;
  const complete = mcf.started === subs && mcf.delivered === mcf.started * mcf.events && mcf.irregularKeys === 0;
  const ratio = mcf.ratePerSec && bare.ratePerSec ? mcf.ratePerSec / bare.ratePerSec : null;
  const committedBy = commitVia(ctx) === 'api' ? target.commitCall : 'outbox commits';
  const concurrency = commitVia(ctx) === 'api' && target.commitsOneAtATime ? 'one at a time,' : `${ctx.sizes.commitConcurrency} concurrent`;
  return [
    {
      group: 'live fan-out',
      metric: `delivered events/s, ${what}`,
      value: mcf.ratePerSec,
      unit: 'events/s',
      baseline: { name: 'bare ws broadcast', value: bare.ratePerSec },
      goal: '≥ 0.5 × bare',
      pass: ratio === null ? null : ratio >= 0.5,
      status: complete ? 'measured' : 'failed',
      note:
        `${n(mcf.delivered)} of ${n(subs * mcf.events)} deliveries` +
        (mcf.irregularKeys ? `, ${mcf.irregularKeys} events with gaps/duplicates` : ', none missing or doubled') +
        `; commits ${mcf.commitsPerSec?.toFixed(0)}/s (${concurrency} ${committedBy}); key \`${target.keyField}\`` +
        (mcf.errors.length ? `; errors: ${mcf.errors.join(' | ')}` : ''),
    },
    {
      group: 'live fan-out',
      metric: `commit→receipt p50, ${what}`,
      value: mcf.p50,
      unit: 'ms',
      baseline: { name: 'bare ws broadcast→receipt', value: bare.p50 },
      note: `commit time = ${commitVia(ctx) === 'api' ? `${target.commitCall} returned` : "the outbox transaction's COMMIT returned"}; a burst, so queueing is included`,
    },
    {
      group: 'live fan-out',
      metric: `commit→receipt p99, ${what}`,
      value: mcf.p99,
      unit: 'ms',
      baseline: { name: 'bare ws broadcast→receipt', value: bare.p99 },
    },
    {
      group: 'memory',
      metric: `server memory per idle subscriber, ${what}`,
      value: mcf.bytesPerSubscriber === null ? null : mcf.bytesPerSubscriber / 1024,
      unit: 'KiB',
      baseline: { name: 'bare ws, per socket', value: bare.bytesPerSubscriber === null ? null : bare.bytesPerSubscriber / 1024 },
      note: 'server RSS delta / N, 2 s after the last subscriber started',
    },
  ];
}

const fanout: BenchModule = {
  name: 'live fan-out',
  provides: ['orders-fanout'],
  async run(ctx) {
    const rows: Row[] = [];
    const rounds: { mcf: RoundResult; bare: RoundResult }[] = [];
    for (const target of selectTargets(ctx)) {
      for (const subs of ctx.sizes.fanoutSubscribers) {
        ctx.log(`fan-out: ${n(subs)} subscribers × ${ctx.sizes.fanoutEvents} events (${target.path}, committed by ${commitVia(ctx) === 'api' ? target.commitCall : 'the outbox'})`);
        const mcf = await mcfRound(ctx, target, subs);
        const bare = await bareRound(ctx, target, subs);
        rounds.push({ mcf, bare });
        rows.push(...roundRows(ctx, mcf, bare));
      }
    }
    const label = (r: RoundResult) => `${r.target.path}, ${n(r.subscribers)} subscribers`;
    ctx.chart({
      file: 'fanout-rate.svg',
      title: 'Live fan-out: delivered events per second (higher is better)',
      svg: barChart({
        title: 'Live fan-out: delivered events per second (higher is better)',
        unit: 'events/s',
        groups: rounds.map((r) => ({ label: label(r.mcf), bars: [{ label: 'MCF (tRPC + event hub)', value: r.mcf.ratePerSec }, { label: 'bare ws broadcast', value: r.bare.ratePerSec }] })),
      }),
    });
    ctx.chart({
      file: 'fanout-latency.svg',
      title: 'Live fan-out: commit→receipt latency during a burst (lower is better)',
      svg: barChart({
        title: 'Live fan-out: commit→receipt latency during a burst (lower is better)',
        unit: 'ms',
        groups: rounds.flatMap((r) => [
          { label: `${label(r.mcf)}, p50`, bars: [{ label: 'MCF (tRPC + event hub)', value: r.mcf.p50 }, { label: 'bare ws broadcast', value: r.bare.p50 }] },
          { label: `${label(r.mcf)}, p99`, bars: [{ label: 'MCF (tRPC + event hub)', value: r.mcf.p99 }, { label: 'bare ws broadcast', value: r.bare.p99 }] },
        ]),
      }),
    });
    ctx.chart({
      file: 'memory.svg',
      title: 'Server memory per idle subscriber (lower is better)',
      svg: barChart({
        title: 'Server memory per idle subscriber (lower is better)',
        unit: 'KiB',
        groups: rounds.map((r) => ({
          label: label(r.mcf),
          bars: [
            { label: 'MCF (tRPC + event hub)', value: r.mcf.bytesPerSubscriber === null ? null : r.mcf.bytesPerSubscriber / 1024 },
            { label: 'bare ws', value: r.bare.bytesPerSubscriber === null ? null : r.bare.bytesPerSubscriber / 1024 },
          ],
        })),
      }),
    });
    return rows;
  },
};

export default fanout;
