// A caught-up subscription is handed over to the WebSocket layer's direct writer (kernel events/live.ts,
// server wsBatching.ts): the client must not be able to tell — same frames, every event once, in
// order, through a burst that races the hand-over, and resumable with lastEventId afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
