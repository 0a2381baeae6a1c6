// Supply requests: opened from order events, live for clerks and the worker, issued once, withdrawn
// and re-addressed with the order, and only to the right people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { clerkFeed, codeOf, matched, publishOrder, snapshot, until, workerFeed } from './support.ts';

type Person = Awaited<ReturnType<TestServer['signedIn']>>;

describe('supply requests', () => {
  let s: TestServer;
  let clerk: Person;
  let clerk2: Person;
  let worker: Person;
  let client: Person;

  const issuedEvents = async (orderId: string) =>
    (await s.app.db.withSchema('platform').selectFrom('event_log').select(['id']).where('type', '=', 'supplies.issued').where('payload', '@>', JSON.stringify({ orderId }) as never).execute()).length;

  beforeAll(async () => {
    // The default 10-minute bakery: cookies stay pending unless a test records their arrival.
    s = await startTestServer({ env: { MCF_BAKERY_DELAY_SECONDS: '600' } });
    clerk = await s.signedIn('clerk', 'Lulu Box');
    clerk2 = await s.signedIn('clerk', 'Felix Shelf');
    worker = await s.signedIn('worker', 'Garfield');
    client = await s.signedIn('client', 'Biscuit');
  });
  afterAll(() => s.stop());

  it('a matched order makes a request appear in the clerks’ live queue and on the worker’s feed', async () => {
    const clerkLive = await clerkFeed(clerk.client);
    const workerLive = await workerFeed(worker.client);
    const snap = snapshot({ clientId: client.id, workerId: worker.id, serviceTypeName: 'Poking things' });
    await publishOrder(s, 'orders.matched', snap);

    const opened = await until('the live request', async () => clerkLive.events.find((e) => e.data.orderId === snap.orderId && e.data.type === 'supplies.requestOpened'));
    expect(opened.data).toMatchObject({
      orderId: snap.orderId,
      workerId: worker.id,
      workerName: 'Garfield',
      clientName: 'Biscuit',
      serviceTypeName: 'Poking things',
      scheduledAt: snap.scheduledAt,
      place: snap.place,
      state: 'open',
      cookie: 'pending',
      missing: ['fortune cookie'],
    });
    expect(opened.data.waitingFor).toMatch(/fortune cookie/);
    expect(opened.id).toMatch(/^\d+$/);
    await until('the worker’s live request', async () => workerLive.events.find((e) => e.data.orderId === snap.orderId));

    const open = await clerk.client.supplies.requests.query({ state: 'open' });
    expect(open.find((r) => r.orderId === snap.orderId)).toMatchObject({ id: opened.data.id, workerId: worker.id, cookie: 'pending', state: 'open' });
    // The bakery order follows as a durable job: the due time appears live.
    const ordered = await until('the cookie order', async () => clerkLive.events.find((e) => e.data.orderId === snap.orderId && e.data.type === 'supplies.cookieOrdered'));
    expect(new Date(ordered.data.cookieDueAt!).getTime()).toBeGreaterThan(Date.now() + 500_000);
    clerkLive.stop();
    workerLive.stop();
  });

  it('a reconnecting clerk resumes from lastEventId and misses nothing', async () => {
    const first = await clerkFeed(clerk.client);
    const a = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    const seen = await until('the first event', async () => first.events.find((e) => e.data.orderId === a.snap.orderId));
    first.stop();
    const b = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    const again = await clerkFeed(clerk.client, seen.id);
    const replayed = await until('the missed event', async () => again.events.find((e) => e.data.orderId === b.snap.orderId && e.data.type === 'supplies.requestOpened'));
    expect(Number(replayed.id)).toBeGreaterThan(Number(seen.id));
    expect(again.events.some((e) => e.id === seen.id)).toBe(false);
    again.stop();
  });

  it('issuing before the cookie arrived is CONFLICT with the reason, and changes nothing', async () => {
    const { request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    const err = await clerk.client.supplies.issue.mutate({ requestId: request.id }).catch((e) => e);
    expect(codeOf(err)).toBe('CONFLICT');
    expect(err.message).toMatch(/fortune cookie/i);
    const after = (await clerk.client.supplies.requests.query({ state: 'open' })).find((r) => r.id === request.id);
    expect(after).toMatchObject({ state: 'open', cookie: 'pending' });
    expect(after!.waitingFor).toMatch(/fortune cookie/i);
  });

  it('issue twice → one issue; the worker hears of it', async () => {
    const { snap, request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    const workerLive = await workerFeed(worker.client);
    await clerk.client.supplies.recordCookieArrival.mutate({ requestId: request.id });
    const first = await clerk.client.supplies.issue.mutate({ requestId: request.id });
    const second = await clerk.client.supplies.issue.mutate({ requestId: request.id });
    expect(first).toMatchObject({ state: 'issued', alreadyIssued: false, issuedBy: clerk.id });
    expect(second).toMatchObject({ state: 'issued', alreadyIssued: true, issuedAt: first.issuedAt });
    expect(await issuedEvents(snap.orderId)).toBe(1);
    const told = await until('the worker’s issued event', async () => workerLive.events.find((e) => e.data.orderId === snap.orderId && e.data.type === 'supplies.issued'));
    expect(told.data).toMatchObject({ requestId: request.id, workerId: worker.id, state: 'issued', cookie: 'arrived' });
    // The event the orders context reacts to (order → supplied) is on the log with the contract's fields.
    const logged = await s.app.db.withSchema('platform').selectFrom('event_log').selectAll().where('type', '=', 'supplies.issued').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(logged.channels).toEqual(expect.arrayContaining(['clerks', `worker:${worker.id}`, `order:${snap.orderId}`]));
    expect(logged.payload).toMatchObject({ requestId: request.id, orderId: snap.orderId, workerId: worker.id, cookie: 'arrived', state: 'issued' });
    expect((await clerk.client.supplies.requests.query({ state: 'issued' })).map((r) => r.id)).toContain(request.id);
    expect((await clerk.client.supplies.requests.query({ state: 'open' })).map((r) => r.id)).not.toContain(request.id);
    workerLive.stop();
  });

  it('two clerks pressing "Issued" at once → one issue', async () => {
    for (let round = 0; round < 3; round++) {
      const { snap, request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
      await clerk.client.supplies.recordCookieArrival.mutate({ requestId: request.id });
      const results = await Promise.all([
        clerk.client.supplies.issue.mutate({ requestId: request.id }),
        clerk2.client.supplies.issue.mutate({ requestId: request.id }),
        clerk.client.supplies.issue.mutate({ requestId: request.id }),
        clerk2.client.supplies.issue.mutate({ requestId: request.id }),
      ]);
      expect(results.filter((r) => !r.alreadyIssued)).toHaveLength(1);
      expect(new Set(results.map((r) => r.issuedAt)).size).toBe(1);
      expect(await issuedEvents(snap.orderId)).toBe(1);
    }
  });

  it('a canceled order withdraws its request; issuing it then is CONFLICT', async () => {
    const clerkLive = await clerkFeed(clerk.client);
    const { snap, request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    await publishOrder(s, 'orders.canceled', { ...snap, reason: 'changed my mind' });
    const withdrawn = await until('withdrawn', async () => clerkLive.events.find((e) => e.data.requestId === request.id && e.data.type === 'supplies.withdrawn'));
    expect(withdrawn.data).toMatchObject({ state: 'withdrawn' });
    expect(withdrawn.data.withdrawnReason).toMatch(/canceled/);
    expect((await clerk.client.supplies.requests.query()).map((r) => r.id)).not.toContain(request.id);
    expect((await clerk.client.supplies.requests.query({ state: 'withdrawn' })).map((r) => r.id)).toContain(request.id);
    await clerk.client.supplies.recordCookieArrival.mutate({ requestId: request.id });
    const err = await clerk.client.supplies.issue.mutate({ requestId: request.id }).catch((e) => e);
    expect(codeOf(err)).toBe('CONFLICT');
    expect(err.message).toMatch(/withdrawn/);
    clerkLive.stop();
  });

  it('a failed (no-show) order withdraws its request too', async () => {
    const { snap, request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    await publishOrder(s, 'orders.failed', { ...snap, reason: 'no_show', noShow: true });
    const r = await until('withdrawn', async () => (await clerk.client.supplies.requests.query({ state: 'withdrawn' })).find((x) => x.id === request.id));
    expect(r.withdrawnReason).toMatch(/no-show/);
  });

  it('a cancel that overtakes its matched event leaves no request behind', async () => {
    const snap = snapshot({ clientId: client.id, workerId: worker.id });
    // Publish matched and canceled in one transaction: their reactions may run in any order.
    await s.app.platform.db.transaction().execute((trx) =>
      s.app.platform.events.publish(trx, 'orders', [
        { type: 'orders.matched', channels: [`order:${snap.orderId}`], payload: snap },
        { type: 'orders.canceled', channels: [`order:${snap.orderId}`], payload: { ...snap, status: 'canceled' } },
      ]),
    );
    const r = await until('the request settles', async () => {
      const row = await s.app.contexts.supplies.facade.requestForOrder(snap.orderId);
      return row?.state === 'withdrawn' ? row : null;
    });
    expect(r.state).toBe('withdrawn');
  });

  it('a re-matched order re-addresses the request to the new worker; the old worker hears it leave', async () => {
    const other = await s.signedIn('worker', 'Luna');
    const oldLive = await workerFeed(worker.client);
    const newLive = await workerFeed(other.client);
    const { snap, request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    await clerk.client.supplies.recordCookieArrival.mutate({ requestId: request.id });
    await clerk.client.supplies.issue.mutate({ requestId: request.id });
    await publishOrder(s, 'orders.matched', { ...snap, workerId: other.id, previousWorkerId: worker.id });

    const moved = await until('re-addressed', async () => newLive.events.find((e) => e.data.requestId === request.id && e.data.type === 'supplies.readdressed'));
    // The set went with the first worker, so the request is open again for the new one.
    expect(moved.data).toMatchObject({ workerId: other.id, workerName: 'Luna', previousWorkerId: worker.id, state: 'open', cookie: 'arrived' });
    await until('the old worker told', async () => oldLive.events.find((e) => e.data.requestId === request.id && e.data.type === 'supplies.readdressed'));
    expect((await worker.client.supplies.mine.query()).map((r) => r.id)).not.toContain(request.id);
    expect((await other.client.supplies.mine.query()).map((r) => r.id)).toContain(request.id);
    await expect(worker.client.supplies.acceptanceForm.query({ orderId: snap.orderId })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    oldLive.stop();
    newLive.stop();
  });

  it('each order gets one request however often its event is delivered', async () => {
    const snap = snapshot({ clientId: client.id, workerId: worker.id });
    await publishOrder(s, 'orders.matched', snap);
    await publishOrder(s, 'orders.matched', snap);
    await until('the request', () => s.app.contexts.supplies.facade.requestForOrder(snap.orderId));
    await new Promise((r) => setTimeout(r, 500));
    const n = await s.app.db.withSchema('supplies').selectFrom('request').select('id').where('order_id', '=', snap.orderId).execute();
    expect(n).toHaveLength(1);
  });

  describe('authorization', () => {
    it('anonymous callers get UNAUTHORIZED everywhere', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      await expect(s.anon.supplies.requests.query()).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
      await expect(s.anon.supplies.issue.mutate({ requestId: id })).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
      await expect(s.anon.supplies.mine.query()).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
      await expect(s.anon.supplies.acceptanceForm.query({ orderId: id })).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
      const sub = await clerkFeed(s.anon);
      expect(sub.errors.map(codeOf)).toEqual(['UNAUTHORIZED']);
      sub.stop();
    });

    it('clients and workers cannot issue, list the queue or watch it', async () => {
      const { request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
      await clerk.client.supplies.recordCookieArrival.mutate({ requestId: request.id });
      for (const who of [client, worker]) {
        await expect(who.client.supplies.issue.mutate({ requestId: request.id })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
        await expect(who.client.supplies.requests.query()).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
        const sub = await clerkFeed(who.client);
        expect(sub.errors.map(codeOf)).toEqual(['FORBIDDEN']);
        sub.stop();
      }
      const manager = s.client(await s.managerToken());
      await expect(manager.supplies.issue.mutate({ requestId: request.id })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
      expect((await clerk.client.supplies.requests.query({ state: 'open' })).find((r) => r.id === request.id)?.state).toBe('open');
    });

    it('a worker sees only its own requests, live and listed', async () => {
      const stranger = await s.signedIn('worker', 'Simba');
      const strangerLive = await workerFeed(stranger.client);
      const { snap, request } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
      const mine = await worker.client.supplies.mine.query();
      expect(mine.map((r) => r.id)).toContain(request.id);
      expect(mine.every((r) => r.workerId === worker.id)).toBe(true);
      expect(await stranger.client.supplies.mine.query()).toEqual([]);
      expect((await worker.client.supplies.forOrder.query({ orderId: snap.orderId })).id).toBe(request.id);
      await expect(stranger.client.supplies.forOrder.query({ orderId: snap.orderId })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
      await expect(client.client.supplies.forOrder.query({ orderId: snap.orderId })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
      await expect(client.client.supplies.mine.query()).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
      await new Promise((r) => setTimeout(r, 300));
      expect(strangerLive.events).toEqual([]);
      strangerLive.stop();
    });

    it('bad input is BAD_REQUEST naming the field; an unknown request is NOT_FOUND', async () => {
      const err = await clerk.client.supplies.issue.mutate({ requestId: 'nope' }).catch((e) => e);
      expect(codeOf(err)).toBe('BAD_REQUEST');
      expect(err.message).toMatch(/requestId/);
      const bad = await clerk.client.supplies.requests.query({ state: 'lost' as never }).catch((e) => e);
      expect(codeOf(bad)).toBe('BAD_REQUEST');
      await expect(clerk.client.supplies.issue.mutate({ requestId: '00000000-0000-4000-8000-000000000000' })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    });
  });
});
