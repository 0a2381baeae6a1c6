// Helpers for the supplies API tests: order events published as the orders context would (the
// contract in docs/contracts.md), live subscriptions collected into arrays, and waiting.
import { randomUUID } from 'node:crypto';
import { TRPCClientError } from '@trpc/client';
import type { OrderSnapshot, SuppliesLiveEvent } from '@mcf/supplies';
import type { Client, TestServer } from '../support/harness.ts';

export const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function snapshot(over: Partial<OrderSnapshot> & { clientId: string; workerId: string | null }): OrderSnapshot {
  return {
    orderId: randomUUID(),
    serviceTypeId: randomUUID(),
    serviceTypeName: 'Jar tossing',
    status: 'matched',
    priceCents: 10_000,
    scheduledAt: '2026-12-01T10:00:00.000Z',
    place: '12 Whisker Lane, Catford',
    description: 'Toss three jars off the kitchen shelf',
    copyOf: null,
    reason: null,
    noShow: false,
    previousWorkerId: null,
    at: new Date().toISOString(),
    ...over,
  };
}

/** Publishes an orders event exactly as the orders context does. */
export async function publishOrder(s: TestServer, type: string, snap: OrderSnapshot) {
  const channels = [`order:${snap.orderId}`, `client:${snap.clientId}`, 'orders'];
  if (snap.workerId) channels.push(`worker:${snap.workerId}`);
  if (snap.previousWorkerId) channels.push(`worker:${snap.previousWorkerId}`);
  const [e] = await s.app.platform.db
    .transaction()
    .execute((trx) => s.app.platform.events.publish(trx, 'orders', [{ type, channels, payload: { ...snap, status: type.slice('orders.'.length), at: new Date().toISOString() } }]));
  return e.id;
}

export type Live = { id: string; data: SuppliesLiveEvent };

/** Collects a subscription's events; resolves once it is running on the server. */
export async function collect(subscribe: (h: { onData: (d: Live) => void; onStarted: () => void; onError: (e: unknown) => void }) => { unsubscribe(): void }) {
  const events: Live[] = [];
  const errors: unknown[] = [];
  let started!: () => void;
  const ready = new Promise<void>((r) => (started = r));
  const sub = subscribe({ onData: (d) => events.push(d), onStarted: () => started(), onError: (e) => (errors.push(e), started()) });
  await ready;
  // onStarted fires when the server accepted the subscription; give its generator a moment to listen.
  await new Promise((r) => setTimeout(r, 150));
  return { events, errors, stop: () => sub.unsubscribe() };
}

export const clerkFeed = (c: Client, lastEventId?: string) => collect((h) => c.supplies.onRequests.subscribe(lastEventId ? { lastEventId } : {}, h as never));
export const workerFeed = (c: Client, lastEventId?: string) => collect((h) => c.supplies.onMine.subscribe(lastEventId ? { lastEventId } : {}, h as never));

/** An order matched to `workerId`, and its supply request once supplies opened it. */
export async function matched(s: TestServer, clerk: Client, people: { clientId: string; workerId: string }, over: Partial<OrderSnapshot> = {}) {
  const snap = snapshot({ ...people, ...over });
  await publishOrder(s, 'orders.matched', snap);
  const request = await until('the supply request', async () => (await clerk.supplies.requests.query({ state: 'open' })).find((r) => r.orderId === snap.orderId));
  return { snap, request };
}
