// Two order events for one order handled at the same moment (two job runners): both find no request,
// both insert, one wins. The other must then decide against the winner's request in the same attempt —
// not fail and wait for a retry (which graphile-worker logged as an error every time it happened).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoredEvent } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { snapshot } from './support.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { MCF_BAKERY_DELAY_SECONDS: '600' } });
});
afterAll(() => s?.stop());

it('a reaction that loses the race to create the request applies its event to the winner’s request', async () => {
  const client = await s.signedIn('client');
  const worker = await s.signedIn('worker');
  const reaction = s.app.contexts.supplies.reactions[0];
  const snap = snapshot({ clientId: client.id, workerId: worker.id });
  // Events as the log would hold them (not published: no job runs them behind the test's back).
  const event = (id: number, type: string): StoredEvent => ({ id, context: 'orders', type, channels: [], payload: { ...snap, status: type.slice('orders.'.length) }, at: new Date() });
  const base = 900_000_000 + Math.floor(Math.random() * 1_000_000);
  let releaseFirst!: () => void;
  const firstHolds = new Promise<void>((r) => (releaseFirst = r));
  let firstInserted!: () => void;
  const inserted = new Promise<void>((r) => (firstInserted = r));
  // The first runner opens the request and keeps its transaction open…
  const first = s.app.db.transaction().execute(async (trx) => {
    await reaction.run(trx, event(base + 1, 'orders.matched'));
    firstInserted();
    await firstHolds;
  });
  await inserted;
  // …while the second, with the later cancel, reaches its insert and waits on the first.
  const second = s.app.db.transaction().execute((trx) => reaction.run(trx, event(base + 2, 'orders.canceled')));
  await new Promise((r) => setTimeout(r, 300));
  releaseFirst();
  await first;
  await expect(second).resolves.toBeUndefined();
  const row = await s.app.db.withSchema('supplies').selectFrom('request').select(['state', 'order_event_id']).where('order_id', '=', snap.orderId).executeTakeFirstOrThrow();
  expect({ state: row.state, eventId: Number(row.order_event_id) }).toEqual({ state: 'withdrawn', eventId: base + 2 });
});
