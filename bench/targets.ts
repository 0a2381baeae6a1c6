// What the live fan-out benchmark watches and what it commits. Today the stand-in for "one order's
// status" is the managers' account feed (`accounts.onAccounts`, committed by `accounts.create`).
// When the orders or betting context lands, add its target here and switch the one line at the end.
import { randomUUID } from 'node:crypto';
import { EventPublisher, type Db } from '@mcf/kernel';
import { accountCreated } from '@mcf/accounts';
import { makeClient } from '../apps/server/test/support/client.ts';
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
}

export interface FanoutTarget {
  /** The subscription procedure, e.g. `accounts.onAccounts`. */
  path: string;
  /** The payload field whose string value is unique per commit (the key commit and receipt are joined on). */
  keyField: string;
  /** What the committing call is, for the report. */
  commitCall: string;
  prepare(server: ServerProcess, run: string): Promise<PreparedTarget>;
  /** The same message a subscriber receives for commit `i`, for the bare baseline to broadcast. */
  bareMessage(key: string, i: number, run: string): unknown;
}

export const ADMIN = { email: 'admin@mcf.local', password: 'admin-pass-1' };

const publisher = new EventPublisher();
const who = (run: string, i: number) => ({ name: `Bench cat ${i}`, email: `bench.${run}.${i}@bench.mcf` });

/** The managers' live list of new accounts: channel `accounts`, one event per `accounts.create`. */
export const accountsFeed: FanoutTarget = {
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

// Later: `ordersStatus` (orders.onStatus on one order, committed by its transitions) or `bettingOdds`
// (betting.onOdds on one order, committed by betting.placeBet). Switch here:
export const fanoutTarget: FanoutTarget = accountsFeed;
