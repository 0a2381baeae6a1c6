// Helpers for the betting tests: order events as the orders context publishes them (docs/contracts.md).
import { randomUUID } from 'node:crypto';
import { TRPCClientError } from '@trpc/client';
import type { StoredEvent } from '@mcf/kernel';
import type { App } from '../../src/app.ts';

export const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

export type OrderStatus = 'created' | 'matched' | 'supplied' | 'started' | 'completed' | 'canceled' | 'failed';

export function snapshot(orderId: string, status: OrderStatus, at: Date | string = new Date()) {
  return {
    orderId,
    clientId: '00000000-0000-4000-8000-00000000c1e7',
    workerId: status === 'created' ? null : '00000000-0000-4000-8000-0000000000a1',
    serviceTypeId: '00000000-0000-4000-8000-000000000057',
    serviceTypeName: 'Jar tossing',
    status,
    priceCents: status === 'created' ? null : 10_000,
    scheduledAt: '2026-12-01T10:00:00.000Z',
    place: 'Sofa 3',
    description: 'Toss the jar off the shelf',
    copyOf: null,
    reason: null,
    noShow: false,
    previousWorkerId: null,
    at: typeof at === 'string' ? at : at.toISOString(),
  };
}

/** Publishes an orders.<status> event, as the orders context would. */
export async function publishOrder(app: App, orderId: string, status: OrderStatus, at: Date | string = new Date()): Promise<StoredEvent> {
  const stored = await app.platform.db.transaction().execute((trx) =>
    app.platform.events.publish(trx, 'orders', [
      { type: `orders.${status}`, channels: [`order:${orderId}`, 'client:00000000-0000-4000-8000-00000000c1e7', 'orders'], payload: snapshot(orderId, status, at) },
    ]),
  );
  return stored[0];
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, what = 'condition', timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A new order open for betting (created event published and projected). */
export async function openOrder(app: App, at: Date = new Date()): Promise<string> {
  const orderId = randomUUID();
  await publishOrder(app, orderId, 'created', at);
  await waitFor(async () => (await app.contexts.betting.facade.odds(orderId)) !== null, `order ${orderId} projected`);
  return orderId;
}

export async function settled(app: App, orderId: string) {
  return waitFor(() => app.contexts.betting.facade.settlement(orderId), `settlement of ${orderId}`);
}
