// Helpers for the orders API tests: service types, workers in the matching roster, photos, events.
import { expect } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { newId } from '@mcf/kernel';
import type { TestServer } from '../support/harness.ts';

export const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 2)]);
export const jpegPhoto = () => ({ mimeType: 'image/jpeg' as const, dataBase64: JPEG.toString('base64') });

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function manager(s: TestServer) {
  return s.client(await s.managerToken());
}

export async function serviceType(s: TestServer, name = `Poke things ${newId().slice(0, 6)}`) {
  const m = await manager(s);
  return (await m.orders.serviceTypes.create.mutate({ name, description: 'Pokes the thing until it moves' })).id;
}

/** A worker account that the matching roster has learnt of (the accountCreated reaction ran). */
export async function worker(s: TestServer, name?: string) {
  const w = await s.signedIn('worker', name);
  await waitFor(`worker ${w.id} in the roster`, async () =>
    s.app.db.withSchema('orders').selectFrom('worker').select('id').where('id', '=', w.id).executeTakeFirst(),
  );
  return w;
}

export const inMinutes = (m: number, from = Date.now()) => new Date(from + m * 60_000).toISOString();

/** Plays the supplies context: publishes `supplies.issued` for an order, then waits for `supplied`. */
export async function issueSupplies(s: TestServer, orderId: string, workerId: string) {
  const requestId = newId();
  await s.app.db.transaction().execute((trx) =>
    s.app.platform.events.publish(trx, 'supplies', [
      { type: 'supplies.issued', channels: ['clerks', `worker:${workerId}`, `order:${orderId}`], payload: { requestId, orderId, workerId, cookie: 'arrived', state: 'issued' } },
    ]),
  );
  await waitFor(`order ${orderId} supplied`, async () => {
    const o = await s.app.contexts.orders.facade.getOrder(orderId);
    return o && o.status !== 'matched' ? o : null;
  });
}

export async function eventsOf(s: TestServer, orderId: string) {
  const rows = await s.app.db.withSchema('platform').selectFrom('event_log').selectAll().where('context', '=', 'orders').orderBy('id').execute();
  return rows.filter((r: any) => r.payload.orderId === orderId) as { id: number; type: string; channels: string[]; payload: any }[];
}

export function expectCode(p: Promise<unknown>, code: string) {
  return expect(p).rejects.toSatisfy((e) => codeOf(e) === code, `expected ${code}`);
}
