// What the live fan-out benchmark watches and what it commits: the managers' account feed
// (`accounts.onAccounts`), one order's status (`orders.onStatus`) and one order's odds
// (`betting.onOdds`). `fanoutTargets` lists them for bench/fanout.bench.ts (`--targets=accounts,orders,odds`);
// `fanoutTarget` is the one the latency benchmark uses.
import { randomUUID } from 'node:crypto';
import { EventPublisher, type Db } from '@mcf/kernel';
import { accountCreated } from '@mcf/accounts';
import { oddsChanged, oddsView, type OddsChangedPayload } from '@mcf/betting';
import { orderEvent, type OrderSnapshot } from '../packages/orders/src/events.ts';
import { makeClient, type Client } from '../apps/server/test/support/client.ts';
import type { ServerProcess } from '../apps/server/test/support/process.ts';

export interface PreparedTarget {
  /** The token every subscriber connects with (connectionParams.token). */
  token: string;
  /** Subscription input for each subscriber. */
  input: unknown;
  /** Commits one state change through the public API; resolves with its key once the call returned. */
  commit(i: number): Promise<string>;
  /**
   * Commits the same event straight through the kernel's outbox (a transaction on `db` ending in
   * `events.publish`, as the context does); resolves with its key once COMMIT returned. The fan-out
   * benchmark uses this by default: the commit time is exact, and the burst is not throttled by the
   * committing call's own work (accounts.create spends ~50 ms of CPU on scrypt).
   */
  commitOutbox(db: Db, i: number): Promise<string>;
  /**
   * For targets whose key is only known from a lookup after the committing call (betting.placeBet
   * does not return the odds event's `at`): when the call itself returned, by key. The fan-out takes
   * the commit time from here when present, else when `commit` resolved.
   */
  returnedAt?: Map<string, number>;
}

export interface FanoutTarget {
  /** Short name for `--targets=` and the report, e.g. `orders`. */
  id: string;
  /** The subscription procedure, e.g. `accounts.onAccounts`. */
  path: string;
  /** The payload field whose string value is unique per commit (the key commit and receipt are joined on). */
  keyField: string;
  /** What the committing call is, for the report. */
  commitCall: string;
  prepare(server: ServerProcess, run: string): Promise<PreparedTarget>;
  /** The same message a subscriber receives for commit `i`, for the bare baseline to broadcast. */
  bareMessage(key: string, i: number, run: string): unknown;
  /** A key shaped like the real one, for the bare baseline (default: uuid-shaped). */
  bareKey?(i: number, run: string): string;
  /** `commit` (the API path) places one call at a time whatever the burst's concurrency (see the target). */
  commitsOneAtATime?: boolean;
}

export const ADMIN = { email: 'admin@mcf.local', password: 'admin-pass-1' };

const publisher = new EventPublisher();
const who = (run: string, i: number) => ({ name: `Bench cat ${i}`, email: `bench.${run}.${i}@bench.mcf` });

/** The managers' live list of new accounts: channel `accounts`, one event per `accounts.create`. */
export const accountsFeed: FanoutTarget = {
  id: 'accounts',
  path: 'accounts.onAccounts',
  keyField: 'accountId',
  commitCall: 'accounts.create',
  async prepare(server, run) {
    const { token } = await makeClient(server.url).accounts.login.mutate(ADMIN);
    const manager = makeClient(server.url, token);
    return {
      token,
      input: {},
      async commit(i) {
        const r = await manager.accounts.create.mutate({ role: 'worker', ...who(run, i), password: 'bench-password-1' });
        return r.id;
      },
      async commitOutbox(db, i) {
        const accountId = randomUUID();
        await db.transaction().execute((trx) => publisher.publish(trx, 'accounts', [accountCreated({ accountId, role: 'worker', ...who(run, i) })]));
        return accountId;
      },
    };
  },
  bareMessage(key, i, run) {
    const id = String(1_000_000 + i);
    return { id: 1, result: { type: 'data', id, data: { id, data: { accountId: key, role: 'worker', ...who(run, i) } } } };
  },
};


// ---------------------------------------------------------------- one order: status and odds

/** `at` strings (ISO, ms) that never repeat in this process: the orders and odds payloads have no other per-event string. */
let lastAt = 0;
const uniqueAt = () => new Date((lastAt = Math.max(Date.now(), lastAt + 1))).toISOString();

/** Refuses a key seen before: a repeated key would join two commits' receipts into one. */
function keyGuard() {
  const seen = new Set<string>();
  return (key: string) => {
    if (seen.has(key)) throw new Error(`the key ${key} came back twice: two commits in the same millisecond`);
    seen.add(key);
    return key;
  };
}

/** Serialises calls (one in flight at a time). */
function oneAtATime() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(f: () => Promise<T>): Promise<T> => {
    const r = tail.then(f);
    tail = r.catch(() => undefined);
    return r;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const r = await f().catch(() => null);
    if (r) return r;
    if (Date.now() - t0 > ms) throw new Error(`${what}: not after ${ms / 1000} s`);
    await sleep(50);
  }
}

/**
 * One real order through the public API, as the app makes one: a service type, two workers (so a
 * re-match always has another worker to move to), a client who orders it; matched in orders.create's
 * transaction. Returns the manager (the admin) who watches it.
 */
async function oneOrder(server: ServerProcess, run: string) {
  const anon = makeClient(server.url);
  const { token } = await anon.accounts.login.mutate(ADMIN);
  const manager = makeClient(server.url, token);
  const { id: serviceTypeId } = await manager.orders.serviceTypes.create.mutate({ name: `Bench ${run}`, description: 'Fan-out benchmark' });
  for (let w = 0; w < 2; w++) await manager.accounts.create.mutate({ role: 'worker', name: `Bench worker ${w}`, email: `bench.${run}.worker${w}@bench.mcf`, password: 'bench-password-1' });
  const email = `bench.${run}.client@bench.mcf`;
  await manager.accounts.create.mutate({ role: 'client', name: 'Bench client', email, password: 'bench-password-1' });
  const client = makeClient(server.url, (await anon.accounts.login.mutate({ email, password: 'bench-password-1' })).token);
  // The workers reach orders through its accounts.created reaction (a job): wait until it knows both.
  await until('orders knows both workers', async () => (await manager.orders.admin.workers.query()).length >= 2);
  const { id } = await client.orders.create.mutate({ serviceTypeId, description: 'Watched by every subscriber', scheduledAt: new Date(Date.now() + 86_400_000).toISOString(), place: 'Bench street 1' });
  const order = await manager.orders.get.query({ id });
  return { token, manager, order };
}

type OrderView = Awaited<ReturnType<Client['orders']['get']['query']>>;
const snapshotOf = (o: OrderView, at: string): OrderSnapshot => ({
  orderId: o.id,
  clientId: o.clientId,
  workerId: o.workerId,
  serviceTypeId: o.serviceTypeId,
  serviceTypeName: o.serviceTypeName,
  status: o.status,
  priceCents: o.priceCents,
  scheduledAt: o.scheduledAt,
  place: o.place,
  description: o.description,
  copyOf: o.copyOf,
  reason: o.reason,
  noShow: o.noShow,
  previousWorkerId: null,
  at,
});

/**
 * One order's status, watched by managers: `orders.onStatus` (channel `order:<id>`). Through the API a
 * commit is a manager's re-match (`orders.admin.rematch`, a real transition of that order: matched →
 * matched with the other worker), the one transition an order can go through again and again.
 * Through the outbox it is the order's snapshot published as the orders context does (`orderEvent`:
 * channels order, client, worker, orders). Key: the snapshot's `at`. An OrderSnapshot has no string
 * unique per event (orderId is the same for every commit; the event id is outside the payload and not
 * known to the committer), and `at` is the transition's time: unique per commit for one order, whose
 * transitions take turns on its row lock (a repeat is refused by `keyGuard`); the outbox commits make
 * theirs unique in this process (`uniqueAt`). rematch returns the row's `updatedAt`, which is the same
 * instant as the event's `at`. Re-matches go one at a time: they take turns on the server anyway (the
 * matching turn, the order's row), and concurrent calls from one client would share an HTTP batch,
 * so each would only "return" when the last of the batch did (after its event was delivered).
 */
export const ordersStatus: FanoutTarget = {
  id: 'orders',
  path: 'orders.onStatus',
  keyField: 'at',
  commitCall: 'orders.admin.rematch',
  commitsOneAtATime: true,
  async prepare(server, run) {
    const { token, manager, order } = await oneOrder(server, run);
    if (order.status !== 'matched') throw new Error(`the bench order was not matched at once (status ${order.status}): orders.admin.rematch needs a matched order`);
    const guard = keyGuard();
    const serial = oneAtATime();
    return {
      token,
      input: { orderId: order.id },
      commit: () =>
        serial(async () => {
          const r = await manager.orders.admin.rematch.mutate({ orderId: order.id, reason: 'fan-out benchmark' });
          return guard(r.updatedAt);
        }),
      async commitOutbox(db) {
        const at = uniqueAt();
        await db.transaction().execute((trx) => publisher.publish(trx, 'orders', [orderEvent(snapshotOf(order, at))]));
        return at;
      },
    };
  },
  bareKey: () => uniqueAt(),
  bareMessage(key, i, run) {
    const id = String(1_000_000 + i);
    const uuid = (n: number) => `00000000-0000-4000-8000-${run}${String(n).padStart(6, '0')}`;
    const snapshot: OrderSnapshot = {
      orderId: uuid(1), clientId: uuid(2), workerId: uuid(3), serviceTypeId: uuid(4), serviceTypeName: `Bench ${run}`, status: 'matched', priceCents: 4200,
      scheduledAt: new Date(86_400_000).toISOString(), place: 'Bench street 1', description: 'Watched by every subscriber', copyOf: null, reason: null, noShow: false, previousWorkerId: null, at: key,
    };
    return { id: 1, result: { type: 'data', id, data: { id, data: { ...snapshot, type: 'orders.matched' } } } };
  },
};

const stakesFor = (i: number) => ({ completed: 100 * (Math.abs(i) + 1), canceled: 300, failed: 200 });

/**
 * One order's odds, watched by managers: `betting.onOdds` (channel `odds:<id>`; the current odds
 * first, then every change). The order is a real one (as for `ordersStatus`), open for betting once
 * betting has projected its `orders.created`. Through the API a commit is a bet (`betting.placeBet`,
 * by the admin, topped up first); through the outbox it is a `betting.oddsChanged` event with the
 * tote's payload (`oddsView` of growing stakes + `at`). Key: the payload's `at`. An OddsView has no
 * string unique per event (orderId is constant, the rest are numbers); placeBet does not return the
 * bet's time, so the API commit reads it back from the wallet entry of the bet (same instant), and
 * bets are placed one at a time (their `at` is taken before the transaction, so concurrent bets could
 * share a millisecond; they take turns on the order's row anyway). The commit time is when placeBet
 * returned (`returnedAt`), not after the lookup.
 */
export const bettingOdds: FanoutTarget = {
  id: 'odds',
  path: 'betting.onOdds',
  keyField: 'at',
  commitCall: 'betting.placeBet',
  commitsOneAtATime: true,
  async prepare(server, run) {
    const { token, manager, order } = await oneOrder(server, run);
    await manager.betting.topUp.mutate({ amountCents: 10_000_000 });
    await until('betting opened the order', () => manager.betting.odds.query({ orderId: order.id }).then((o) => o.open));
    const guard = keyGuard();
    const serial = oneAtATime();
    const returnedAt = new Map<string, number>();
    const outcomes = ['completed', 'canceled', 'failed'] as const;
    return {
      token,
      input: { orderId: order.id },
      returnedAt,
      commit: (i) =>
        serial(async () => {
          const { betId } = await manager.betting.placeBet.mutate({ orderId: order.id, outcome: outcomes[Math.abs(i) % 3], amountCents: 100 });
          const t = performance.timeOrigin + performance.now();
          const entry = (await manager.betting.wallet.query()).entries.find((e) => e.betId === betId);
          if (!entry) throw new Error(`bet ${betId}: no wallet entry`);
          returnedAt.set(guard(entry.at), t);
          return entry.at;
        }),
      async commitOutbox(db, i) {
        const at = uniqueAt();
        await db.transaction().execute((trx) => publisher.publish(trx, 'betting', [oddsChanged({ orderId: order.id, open: true, stakes: stakesFor(i), at })]));
        return at;
      },
    };
  },
  bareKey: () => uniqueAt(),
  bareMessage(key, i, run) {
    const id = String(1_000_000 + i);
    const payload: OddsChangedPayload = { ...oddsView(`00000000-0000-4000-8000-${run}000001`, true, stakesFor(i)), at: key };
    return { id: 1, result: { type: 'data', id, data: { id, data: payload } } };
  },
};

/** Every fan-out target, for `--targets=` (by `id`). */
export const fanoutTargets: FanoutTarget[] = [accountsFeed, ordersStatus, bettingOdds];

/** The latency benchmark's target. */
export const fanoutTarget: FanoutTarget = accountsFeed;
