// Commit→subscriber latency, one commit at a time (no queueing): a commit through the kernel's outbox
// (what every context does) and through the public API, received by WebSocket subscribers in a
// load-generator process; against a bare PostgreSQL LISTEN/NOTIFY round trip to another process.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createKysely, createPool } from '@mcf/db';
import { EventPublisher } from '@mcf/kernel';
import { accountCreated } from '@mcf/accounts';
import { Fleet } from './lib/fleet.ts';
import { barChart } from './lib/svg.ts';
import { now, sleep, summarise } from './lib/stats.ts';
import type { BenchModule, Row } from './lib/types.ts';
import { fanoutTarget as target } from './targets.ts';

const SUBSCRIBERS = 10;
const GAP_MS = 20;

const latency: BenchModule = {
  name: 'commit→subscriber latency',
  async run(ctx) {
    const k = ctx.sizes.latencyCommits;
    const db = await ctx.freshDatabase();
    const server = await ctx.spawnServer(db, {}, 'latency');
    const fleet = await Fleet.start(1);
    const pool = createPool(db, { max: 2 });
    const kdb = createKysely<any>(pool);
    const publisher = new EventPublisher();
    try {
      const t = await target.prepare(server, randomUUID().slice(0, 6));
      for (let i = 0; i < 3; i++) await t.commit(-1 - i);
      const c = await fleet.connect(SUBSCRIBERS, { url: server.url.replace(/^http/, 'ws') + '/trpc', mode: 'trpc', token: t.token, path: target.path, input: t.input, keyField: target.keyField });
      ctx.log(`latency: ${c.started} subscribers, ${k} commits one at a time`);
      await sleep(500);
      await fleet.collect({});

      // 1. Through the kernel outbox, as a context commits: the transaction's COMMIT returned → receipt.
      const outbox: Record<string, number> = {};
      for (let i = 0; i < k; i++) {
        const accountId = randomUUID();
        await kdb.transaction().execute((trx) => publisher.publish(trx, 'accounts', [accountCreated({ accountId, role: 'worker', name: `Latency ${i}`, email: `l${i}@bench.mcf` })]));
        outbox[accountId] = now();
        await sleep(GAP_MS);
      }
      await fleet.awaitReceived(c.started * k, 5000);
      const rOutbox = await fleet.collect(outbox);

      // 2. Through the public API: the committing call returned → receipt.
      const api: Record<string, number> = {};
      for (let i = 0; i < k; i++) {
        api[await t.commit(i)] = now();
        await sleep(GAP_MS);
      }
      await fleet.awaitReceived(c.started * k, 5000);
      const rApi = await fleet.collect(api);
      await fleet.close();

      // 3. Baseline: bare NOTIFY in a committed transaction → a LISTENing connection in another process.
      const listener = await Fleet.start(1);
      try {
        await listener.listen(db, 'bench_bare');
        const sender = new pg.Client({ connectionString: db });
        await sender.connect();
        const bare: Record<string, number> = {};
        for (let i = 0; i < k; i++) {
          const key = randomUUID();
          await sender.query('begin');
          await sender.query('select pg_notify($1, $2)', ['bench_bare', key]);
          await sender.query('commit');
          bare[key] = now();
          await sleep(GAP_MS);
        }
        await listener.awaitReceived(k, 5000);
        const rBare = await listener.collect(bare);
        await sender.end();

        const so = summarise(rOutbox.latenciesMs);
        const sa = summarise(rApi.latenciesMs);
        const sb = summarise(rBare.latenciesMs);
        const ok = (r: typeof rOutbox, expected: number) => (r.matched === expected && r.irregularKeys === 0 ? 'measured' : 'failed');
        const rows: Row[] = [
          {
            group: 'commit→subscriber latency',
            metric: 'p50, outbox commit → WebSocket subscriber',
            value: so.p50,
            unit: 'ms',
            baseline: { name: 'bare pg NOTIFY → LISTEN', value: sb.p50 },
            status: ok(rOutbox, c.started * k),
            note: `${k} commits, ${GAP_MS} ms apart, ${c.started} subscribers in another process`,
          },
          {
            group: 'commit→subscriber latency',
            metric: 'p99, outbox commit → WebSocket subscriber',
            value: so.p99,
            unit: 'ms',
            baseline: { name: 'bare pg NOTIFY → LISTEN', value: sb.p99 },
            goal: '≤ 3 × bare',
            pass: so.p99 !== null && sb.p99 !== null ? so.p99 <= 3 * sb.p99 : null,
            status: ok(rOutbox, c.started * k),
          },
          {
            group: 'commit→subscriber latency',
            metric: `p50, ${target.commitCall} returned → subscriber`,
            value: sa.p50,
            unit: 'ms',
            baseline: { name: 'bare pg NOTIFY → LISTEN', value: sb.p50 },
            status: ok(rApi, c.started * k),
            note: 'the event is often delivered before the HTTP answer reaches the caller: values near or below 0',
          },
          {
            group: 'commit→subscriber latency',
            metric: `p99, ${target.commitCall} returned → subscriber`,
            value: sa.p99,
            unit: 'ms',
            baseline: { name: 'bare pg NOTIFY → LISTEN', value: sb.p99 },
            status: ok(rApi, c.started * k),
          },
        ];
        ctx.chart({
          file: 'commit-latency.svg',
          title: 'Commit→subscriber latency, one commit at a time (lower is better)',
          svg: barChart({
            title: 'Commit→subscriber latency, one commit at a time (lower is better)',
            unit: 'ms',
            groups: [
              { label: 'p50', bars: [{ label: 'MCF outbox → WebSocket', value: so.p50 }, { label: 'bare pg NOTIFY → LISTEN', value: sb.p50 }] },
              { label: 'p99', bars: [{ label: 'MCF outbox → WebSocket', value: so.p99 }, { label: 'bare pg NOTIFY → LISTEN', value: sb.p99 }] },
            ],
          }),
        });
        return rows;
      } finally {
        await listener.close();
      }
    } finally {
      await fleet.close().catch(() => undefined);
      await pool.end();
      await ctx.stopServer(server);
    }
  },
};

export default latency;
