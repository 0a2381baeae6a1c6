// End to end: a client's `orders.create` over HTTP → matched in the same transaction → the event on the
// assigned worker's live feed (`orders.feed` over WebSocket). p50/p99 at 100 orders/s, then rising rates
// until p99 passes 100 ms, to find the highest sustained rate. Clients and workers run in this process;
// the server is a separate process.
import WebSocket from 'ws';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@mcf/server';
import { barChart } from './lib/svg.ts';
import { now, sleep, summarise } from './lib/stats.ts';
import type { BenchModule, Row } from './lib/types.ts';

type Api = TRPCClient<AppRouter>;

function client(url: string, token?: string) {
  const ws = createWSClient({ url: url.replace(/^http/, 'ws') + '/trpc', WebSocket: WebSocket as never, lazy: { enabled: true, closeMs: 1000 }, connectionParams: () => (token ? { token } : {}) });
  const api: Api = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: ws }),
        // No batching: every order is its own HTTP request, as separate clients would send them.
        false: httpBatchLink({ url: `${url}/trpc`, maxItems: 1, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
      }),
    ],
  });
  return { api, close: () => ws.close() };
}

const WORKERS = 20;
const CLIENTS = 50;
const P99_LIMIT_MS = 100;

interface Step {
  rate: number;
  sent: number;
  delivered: number;
  errors: number;
  p50: number | null;
  p99: number | null;
}

const ordersE2e: BenchModule = {
  name: 'orders end to end',
  provides: ['orders-e2e'],
  async run(ctx) {
    const seconds = ctx.quick ? 4 : 10;
    const db = await ctx.freshDatabase();
    // 70 accounts sign in from one address: lift the per-address sign-in throttle for this run.
    const server = await ctx.spawnServer(db, { MCF_DB_POOL_SIZE: '30', MCF_LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000' }, 'orders-e2e');
    const closers: (() => void)[] = [];
    try {
      const anon = client(server.url).api;
      const { token } = await anon.accounts.login.mutate({ email: 'admin@mcf.local', password: 'admin-pass-1' });
      const manager = client(server.url, token).api;
      const { id: serviceTypeId } = await manager.orders.serviceTypes.create.mutate({ name: 'Bench chores', description: 'Anything' });
      const signUp = async (role: 'worker' | 'client', i: number) => {
        const email = `${role}${i}@bench.mcf`;
        await manager.accounts.create.mutate({ role, email, name: `${role} ${i}`, password: 'bench-pass-1' });
        const r = await anon.accounts.login.mutate({ email, password: 'bench-pass-1' });
        const c = client(server.url, r.token);
        closers.push(c.close);
        return c.api;
      };

      // Every worker watches its feed; a delivery is keyed by order id.
      const received = new Map<string, number>();
      for (let i = 0; i < WORKERS; i++) {
        const w = await signUp('worker', i);
        w.orders.feed.subscribe(
          {},
          {
            onData: (d) => {
              const e = (d as unknown as { data: { orderId: string; status: string } }).data;
              if (e.status === 'matched' && !received.has(e.orderId)) received.set(e.orderId, now());
            },
          },
        );
      }
      const clients: Api[] = [];
      for (let i = 0; i < CLIENTS; i++) clients.push(await signUp('client', i));
      await sleep(1000);

      let n = 0;
      const runStep = async (rate: number, forSeconds = seconds): Promise<Step> => {
        const started = new Map<string, number>();
        let errors = 0;
        const calls: Promise<void>[] = [];
        const total = rate * forSeconds;
        const t0 = now();
        for (let i = 0; i < total; i++) {
          const due = t0 + (i * 1000) / rate;
          const wait = due - now();
          if (wait > 1) await sleep(wait);
          const c = clients[n++ % clients.length];
          const sent = now();
          calls.push(
            c.orders.create
              .mutate({ serviceTypeId, description: `Bench order ${n}`, scheduledAt: new Date(Date.now() + 86_400_000 + n * 60_000).toISOString(), place: 'Bench street' })
              .then((o) => void started.set(o.id, sent))
              .catch(() => void errors++),
          );
        }
        await Promise.all(calls);
        const deadline = now() + 5000;
        while ([...started.keys()].some((id) => !received.has(id)) && now() < deadline) await sleep(50);
        const lat = [...started].filter(([id]) => received.has(id)).map(([id, t]) => received.get(id)! - t);
        const s = summarise(lat);
        return { rate, sent: total, delivered: lat.length, errors, p50: s.p50, p99: s.p99 };
      };

      // Warm-up, not measured: the server's first orders pay for JIT compilation and first-use caches
      // (a cold start showed p99 of 0.3–2 s in the first second at 25/s, then tens of ms).
      await runStep(10, 3);
      await sleep(1000);
      // Rising rates; 100/s is always measured (the figure the issue asks for), and the run stops at the
      // first rate above it that fails. The highest rate whose p99 stayed within the limit is "sustained".
      const steps: Step[] = [];
      let sustained = 0;
      let failedBelow = false;
      for (const rate of ctx.quick ? [25, 50, 100, 150] : [10, 20, 30, 40, 50, 100, 150, 200]) {
        const s = await runStep(rate);
        steps.push(s);
        ctx.log(`orders-e2e: ${rate}/s → p50 ${s.p50?.toFixed(1)} ms, p99 ${s.p99?.toFixed(1)} ms, ${s.delivered}/${s.sent}, ${s.errors} errors`);
        const ok = s.p99 !== null && s.p99 <= P99_LIMIT_MS && s.errors === 0 && s.delivered === s.sent;
        if (ok && failedBelow === false) sustained = rate;
        if (!ok) failedBelow = true;
        if (!ok && rate >= 100) break;
        await sleep(2000); // let the reactions of this step drain before the next
      }
      const at100 = steps.find((s) => s.rate === 100)!;

      ctx.chart({
        file: 'orders-e2e.svg',
        title: 'Order created → worker feed, p99 by rate (ms)',
        svg: barChart({
          title: 'Order created → worker feed, by rate (lower is better)',
          unit: 'ms',
          groups: steps.map((s) => ({ label: `${s.rate} orders/s`, bars: [{ label: 'p50', value: s.p50 }, { label: 'p99', value: s.p99 }] })),
        }),
      });
      const note = `${at100.delivered} of ${at100.sent} delivered, ${at100.errors} errors; ${WORKERS} workers, ${CLIENTS} clients, ${seconds} s per rate`;
      const rows: Row[] = [
        { group: 'orders', metric: 'order created (HTTP) → matched → worker feed, p50 at 100 orders/s', value: at100.p50, unit: 'ms', note },
        { group: 'orders', metric: 'order created (HTTP) → matched → worker feed, p99 at 100 orders/s', value: at100.p99, unit: 'ms', goal: '< 50 ms', pass: at100.p99 !== null && at100.p99 < 50 },
        { group: 'orders', metric: `highest sustained rate with p99 ≤ ${P99_LIMIT_MS} ms (steps ${steps.map((s) => s.rate).join(', ')})`, value: sustained, unit: 'orders/s' },
      ];
      return rows;
    } finally {
      for (const c of closers) c();
      await ctx.stopServer(server);
    }
  },
};

export default ordersE2e;
