// Helpers for quality's API tests: orders events published by hand (as the orders context would),
// and waiting for quality's reactions to have handled them.
import { randomUUID } from 'node:crypto';
import { TRPCClientError } from '@trpc/client';
import type { OrderSnapshot } from '@mcf/quality';
import type { TestServer } from '../support/harness.ts';

export const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

export function snapshot(p: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    orderId: randomUUID(),
    clientId: randomUUID(),
    workerId: randomUUID(),
    serviceTypeId: 'st-jars',
    serviceTypeName: 'Toss jars',
    status: 'created',
    priceCents: 10_000,
    scheduledAt: '2026-01-06T10:00:00.000Z',
    place: 'Box 7, Litter Lane',
    description: 'Toss three jars off the shelf',
    copyOf: null,
    reason: null,
    noShow: false,
    previousWorkerId: null,
    at: '2026-01-06T10:30:00.000Z',
    ...p,
  };
}

/** Publishes orders events the way the orders context does; returns their ids in the log. */
export async function publishOrders(s: TestServer, snaps: OrderSnapshot[]): Promise<number[]> {
  const stored = await s.app.platform.db.transaction().execute((trx) =>
    s.app.platform.events.publish(
      trx,
      'orders',
      snaps.map((p) => ({ type: `orders.${p.status}`, channels: [`order:${p.orderId}`, 'orders', `client:${p.clientId}`], payload: p })),
    ),
  );
  return stored.map((e) => e.id);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until quality's reaction has handled every one of these events. */
export async function handled(s: TestServer, eventIds: number[], handler = 'quality.projectOrders') {
  await waitFor(`${handler} to handle ${eventIds.length} events`, async () => {
    const rows = await s.app.db.withSchema('platform').selectFrom('handled_event').select('event_id').where('handler', '=', handler).where('event_id', 'in', eventIds).execute();
    return rows.length === new Set(eventIds).size;
  });
}

/** Publishes and waits for quality to have projected them. */
export async function feed(s: TestServer, snaps: OrderSnapshot[]) {
  const ids = await publishOrders(s, snaps);
  await handled(s, ids);
  return ids;
}

/** The lifecycle of one order ending in `end`, as a list of snapshots. */
export function lifecycle(end: 'completed' | 'failed' | 'canceled', p: Partial<OrderSnapshot> = {}): OrderSnapshot[] {
  const base = snapshot(p);
  const steps: OrderSnapshot['status'][] = end === 'canceled' ? ['created', 'matched', 'canceled'] : ['created', 'matched', 'supplied', 'started', end];
  if (end === 'failed' && p.noShow) steps.splice(3, 1); // a no-show never starts
  return steps.map((status) => ({ ...base, status, noShow: status === 'failed' ? base.noShow : false }));
}
