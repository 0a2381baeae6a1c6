// Helpers for the billing tests: order outcomes published the way the orders context publishes them.
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { TRPCClientError } from '@trpc/client';
import type { TestServer } from '../support/harness.ts';

export const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

export type Outcome = 'completed' | 'canceled' | 'failed';

export function snapshot(o: { clientId: string; workerId: string | null; status: Outcome; priceCents: number | null; at: string; orderId?: string }) {
  return {
    orderId: o.orderId ?? randomUUID(),
    clientId: o.clientId,
    workerId: o.workerId,
    serviceTypeId: randomUUID(),
    serviceTypeName: 'Poking things',
    status: o.status,
    priceCents: o.priceCents,
    scheduledAt: o.at,
    place: 'Box 7',
    description: 'a chore',
    copyOf: null,
    reason: o.status === 'failed' ? 'no_show' : null,
    noShow: o.status === 'failed',
    previousWorkerId: null,
    at: o.at,
  };
}

/** Publishes order outcomes exactly as the orders context does: inside a transaction, as its last step. */
export async function publishOutcomes(s: TestServer, outcomes: ReturnType<typeof snapshot>[]) {
  await s.app.platform.db.transaction().execute(async (trx) => {
    await s.app.platform.events.publish(
      trx,
      'orders',
      outcomes.map((p) => ({ type: `orders.${p.status}`, channels: [`order:${p.orderId}`, `client:${p.clientId}`, ...(p.workerId ? [`worker:${p.workerId}`] : []), 'orders'], payload: p })),
    );
  });
}

export async function waitFor<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await fn();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until accounts' order reaction has run for every order event (other contexts' reactions aside). */
export async function reactionsDone(s: TestServer) {
  await waitFor(
    'order reactions',
    async () => {
      const r = await sql<{ n: string }>`
        select count(*) as n from platform.event_log e
        where e.type in ('orders.completed', 'orders.canceled', 'orders.failed')
          and not exists (select 1 from platform.handled_event h where h.handler = 'accounts.bookOrderOutcome' and h.event_id = e.id)`.execute(s.app.db);
      return Number(r.rows[0].n);
    },
    (n) => n === 0,
  );
}

export async function ledgerSum(s: TestServer) {
  const r = await s.app.db.withSchema('accounts').selectFrom('posting_line').select((e: any) => e.fn.coalesce(e.fn.sum('amount_cents'), e.lit(0)).as('sum')).executeTakeFirstOrThrow();
  return Number((r as { sum: unknown }).sum);
}
