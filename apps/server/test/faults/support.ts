// Helpers for the fault tests: a subscriber that reconnects to whichever server the test points it at
// (resuming with lastEventId, as tRPC's wsLink does), and reading the event log directly.
import WebSocket from 'ws';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { sql } from 'kysely';
import { createKysely, createPool } from '@mcf/db';
import type { AppRouter } from '../../src/router.ts';

export type Got = { id: string; data: { accountId: string } };

export function followingSubscriber(url: () => string, token: string) {
  const ws = createWSClient({
    url: () => url().replace(/^http/, 'ws') + '/trpc',
    WebSocket: WebSocket as never,
    connectionParams: { token },
    retryDelayMs: () => 100,
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  const got: Got[] = [];
  let started = 0;
  const sub = client.accounts.onAccounts.subscribe(undefined, {
    onStarted: () => started++,
    onData: (d) => got.push(d as unknown as Got),
  });
  return {
    got,
    /** How many times the subscription (re)started. */
    starts: () => started,
    async close() {
      sub.unsubscribe();
      await ws.close();
    },
  };
}

/** Ids of the accountCreated events after `after`, in log order. */
export async function loggedAccountEvents(databaseUrl: string, after: number): Promise<{ id: string; accountId: string }[]> {
  const pool = createPool(databaseUrl, { max: 1 });
  try {
    const r = await sql<{ id: string; account_id: string }>`
      select id::text, payload->>'accountId' as account_id from platform.event_log
      where type = 'accounts.accountCreated' and id > ${after} order by event_log.id`.execute(createKysely(pool));
    return r.rows.map((x) => ({ id: x.id, accountId: x.account_id }));
  } finally {
    await pool.end();
  }
}

export async function maxEventId(databaseUrl: string): Promise<number> {
  const pool = createPool(databaseUrl, { max: 1 });
  try {
    const r = await sql<{ m: string | null }>`select max(id)::text as m from platform.event_log`.execute(createKysely(pool));
    return Number(r.rows[0].m ?? 0);
  } finally {
    await pool.end();
  }
}

export async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
