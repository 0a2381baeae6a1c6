// A caught-up subscription is handed over to the WebSocket layer's direct writer (kernel events/live.ts,
// server wsBatching.ts): the client must not be able to tell — same frames, every event once, in
// order, through a burst that races the hand-over, and resumable with lastEventId afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveTransport, LiveView } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';

type Got = { id: string; data: { accountId: string; name: string } };

describe('hand-over to direct writes', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.stop());

  const publish = (name: string) =>
    s.app.db.transaction().execute((trx) =>
      s.app.platform.events.publish(trx, 'accounts', [{ type: 'accounts.accountCreated', channels: ['accounts'], payload: { accountId: name, role: 'worker', name, email: `${name}@x` } }]),
    );

  it('delivers a burst that races the replay and the hand-over, each event once and in order', async () => {
    const m = s.client(await s.managerToken());
    for (let i = 0; i < 20; i++) await publish(`before-${i}`);
    const got: Got[] = [];
    // Resume from the start: a replay, then the hand-over while the burst below is committing.
    const sub = m.accounts.onAccounts.subscribe({ lastEventId: '0' }, { onData: (d) => got.push(d as unknown as Got) });
    await Promise.all(Array.from({ length: 100 }, (_, i) => publish(`burst-${i}`)));
    const deadline = Date.now() + 10_000;
    while (got.filter((g) => g.data.name.startsWith('burst')).length < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    const ids = got.map((g) => Number(g.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(got.filter((g) => g.data.name.startsWith('before')).length).toBe(20);
    expect(got.filter((g) => g.data.name.startsWith('burst')).length).toBe(100);
    // Frames written directly carry the tracked id the client resumes from.
    const lastSeen = got[got.length - 1].id;
    sub.unsubscribe();
    await publish('after-unsubscribe');
    const resumed: Got[] = [];
    const again = m.accounts.onAccounts.subscribe({ lastEventId: lastSeen }, { onData: (d) => resumed.push(d as unknown as Got) });
    for (let i = 0; resumed.length < 1 && i < 200; i++) await new Promise((r) => setTimeout(r, 20));
    again.unsubscribe();
    expect(resumed.map((g) => g.data.name)).toEqual(['after-unsubscribe']);
  });

  it('a subscriber that stops gets nothing more, and the hub forgets it', async () => {
    const m = s.client(await s.managerToken());
    const got: Got[] = [];
    let started = false;
    const sub = m.accounts.onAccounts.subscribe(undefined, { onStarted: () => (started = true), onData: (d) => got.push(d as unknown as Got) });
    while (!started) await new Promise((r) => setTimeout(r, 20));
    await publish('seen');
    for (let i = 0; got.length < 1 && i < 200; i++) await new Promise((r) => setTimeout(r, 20));
    const before = s.app.hub.subscriberCount;
    sub.unsubscribe();
    for (let i = 0; s.app.hub.subscriberCount >= before && i < 200; i++) await new Promise((r) => setTimeout(r, 20));
    expect(s.app.hub.subscriberCount).toBe(before - 1);
    await publish('unseen');
    await new Promise((r) => setTimeout(r, 300));
    expect(got.map((g) => g.data.name)).toEqual(['seen']);
  });

  it('a direct writer whose view throws ends only its own subscription', async () => {
    const written: { who: string; id: number }[] = [];
    const transport = (who: string): LiveTransport => ({
      marker: () => ({}),
      claimed: () => true,
      send: (_m, e, view) => (view.view(e), written.push({ who, id: e.id }), true),
    });
    const throwing: LiveView<unknown> = {
      view: (e) => {
        if ((e.payload as { name: string }).name === 'poison') throw new Error('this view cannot show it');
        return e.payload;
      },
    };
    const plain: LiveView<unknown> = { view: (e) => e.payload };
    const run = async (who: string, view: LiveView<unknown>, signal: AbortSignal) => {
      try {
        for await (const _ of s.app.hub.subscribe({ channel: 'accounts', signal, direct: { transport: transport(who), view } })) void _;
        return 'ended';
      } catch (e) {
        return (e as Error).message;
      }
    };
    const ac = new AbortController();
    const bad = run('bad', throwing, ac.signal);
    const good = run('good', plain, ac.signal);
    await new Promise((r) => setTimeout(r, 100)); // both handed over (nothing to replay)
    await publish('poison');
    await publish('fine');
    for (let i = 0; written.filter((w) => w.who === 'good').length < 2 && i < 200; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await bad).toBe('this view cannot show it');
    expect(written.filter((w) => w.who === 'good')).toHaveLength(2);
    expect(written.filter((w) => w.who === 'bad')).toHaveLength(0);
    ac.abort();
    expect(await good).toBe('ended');
  });

  it('a subscriber that stops reading is cut off past 8 MB unsent; the others get everything, and it resumes', async () => {
    const token = await s.managerToken();
    // The slow one: a bare WebSocket speaking tRPC's protocol, so it can stop reading at will.
    const slow = new WebSocket(`${s.url.replace(/^http/, 'ws')}/trpc?connectionParams=1`);
    const slowGot: string[] = [];
    let slowClosed = false;
    let slowStarted = false;
    slow.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { result?: { type: string; data?: { id: string } } };
      if (m.result?.type === 'started') slowStarted = true;
      if (m.result?.type === 'data') slowGot.push(m.result.data!.id);
    });
    slow.on('close', () => (slowClosed = true));
    await new Promise((r) => slow.once('open', r));
    slow.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
    slow.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'accounts.onAccounts', input: {} } }));
    for (let i = 0; !slowStarted && i < 200; i++) await new Promise((r) => setTimeout(r, 20));
    expect(slowStarted).toBe(true);
    // A steady one, through the tRPC client.
    const got: Got[] = [];
    let started = false;
    const steady = s.client(token).accounts.onAccounts.subscribe(undefined, { onStarted: () => (started = true), onData: (d) => got.push(d as unknown as Got) });
    while (!started) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100)); // both handed over
    const subscribers = s.app.hub.subscriberCount;

    slow.pause(); // stops reading: the kernel's buffers fill, then the server's
    const big = 'x'.repeat(200_000);
    const names = Array.from({ length: 160 }, (_, i) => `big-${i}-${big}`); // 32 MB in all
    for (const name of names) await publish(name);
    for (let i = 0; got.length < names.length && i < 500; i++) await new Promise((r) => setTimeout(r, 20));
    expect(got.map((g) => g.data.name)).toEqual(names);
    // The slow subscription was ended by the server (the hub forgot it) while its client still slept.
    for (let i = 0; s.app.hub.subscriberCount >= subscribers && i < 200; i++) await new Promise((r) => setTimeout(r, 20));
    expect(s.app.hub.subscriberCount).toBe(subscribers - 1);

    slow.resume(); // reads what was sent before the cut, then the close
    for (let i = 0; !slowClosed && i < 500; i++) await new Promise((r) => setTimeout(r, 20));
    expect(slowClosed).toBe(true);
    expect(slowGot.length).toBeLessThan(names.length);
    // Its client resumes after the last event it got: the rest, each once, in order.
    const resumed: Got[] = [];
    const again = s.client(token).accounts.onAccounts.subscribe({ lastEventId: slowGot.at(-1) ?? got[0].id }, { onData: (d) => resumed.push(d as unknown as Got) });
    const missing = names.length - slowGot.length;
    for (let i = 0; resumed.length < missing && i < 500; i++) await new Promise((r) => setTimeout(r, 20));
    again.unsubscribe();
    steady.unsubscribe();
    expect([...slowGot, ...resumed.map((g) => g.id)]).toEqual(got.map((g) => g.id));
  });
});
