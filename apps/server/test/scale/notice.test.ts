// The commit signal carries small transactions' events whole (delivered without reading the log back);
// large ones, and any gap in ids (a rolled-back transaction), are read from the log. Either way a
// subscriber gets every event once, in order, with its full payload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import pg from 'pg';
import { EVENTS_CHANNEL, eventsOfNotice } from '@mcf/kernel';

type Got = { id: string; data: { accountId: string; name: string } };

describe('commit notices', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.stop());

  it('a notice carries small events whole and only ids for large ones', async () => {
    const listener = new pg.Client({ connectionString: s.databaseUrl });
    await listener.connect();
    const notices: string[] = [];
    listener.on('notification', (n) => notices.push(n.payload ?? ''));
    await listener.query(`listen ${EVENTS_CHANNEL}`);
    try {
      const publish = (payload: unknown) => s.app.db.transaction().execute((trx) => s.app.platform.events.publish(trx, 'test', [{ type: 'test.noticed', channels: ['test'], payload }]));
      const [small] = await publish({ a: 1 });
      const [large] = await publish({ a: 'x'.repeat(10_000) });
      for (let i = 0; notices.length < 2 && i < 100; i++) await new Promise((r) => setTimeout(r, 20));
      const whole = eventsOfNotice(notices[0]);
      expect(whole?.map((e) => [e.id, e.context, e.type, e.channels, e.payload, e.at.getTime()])).toEqual([[small.id, 'test', 'test.noticed', ['test'], { a: 1 }, small.at.getTime()]]);
      expect(Buffer.byteLength(notices[1])).toBeLessThan(8000);
      expect(JSON.parse(notices[1])).toEqual({ first: large.id, last: large.id });
      expect(eventsOfNotice(notices[1])).toBeNull();
      expect(eventsOfNotice('12')).toBeNull();
    } finally {
      await listener.end();
    }
  });

  it('delivers small, large and post-rollback events in order, each once', async () => {
    const m = s.client(await s.managerToken());
    const got: Got[] = [];
    let started = false;
    const sub = m.accounts.onAccounts.subscribe(undefined, { onStarted: () => (started = true), onData: (d) => got.push(d as unknown as Got) });
    while (!started) await new Promise((r) => setTimeout(r, 20));
    const publish = (name: string, rollback = false) =>
      s.app.db
        .transaction()
        .execute(async (trx) => {
          await s.app.platform.events.publish(trx, 'accounts', [
            { type: 'accounts.accountCreated', channels: ['accounts'], payload: { accountId: name, role: 'worker', name, email: `${name}@x` } },
          ]);
          if (rollback) throw new Error('roll back');
        })
        .catch(() => undefined);
    await publish('small1');
    await publish('big-' + 'x'.repeat(12_000));
    await publish('ghost', true);
    await publish('small2');
    const deadline = Date.now() + 10_000;
    while (got.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    sub.unsubscribe();
    expect(got.map((g) => g.data.name.slice(0, 6))).toEqual(['small1', 'big-xx', 'small2']);
    expect(got[1].data.name.length).toBe(12_004);
    const ids = got.map((g) => Number(g.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('writes frames of every WebSocket length class intact (direct writes build the header themselves)', async () => {
    const m = s.client(await s.managerToken());
    const got: Got[] = [];
    let starts = 0;
    const sub = m.accounts.onAccounts.subscribe(undefined, { onStarted: () => starts++, onData: (d) => got.push(d as unknown as Got) });
    while (starts === 0) await new Promise((r) => setTimeout(r, 20));
    // Under 126 bytes of frame is impossible with an envelope; 126..65535 and over 65535 are the two others.
    const names = ['n' + 'a'.repeat(200), 'n' + 'b'.repeat(70_000), 'n' + 'é'.repeat(40_000)];
    for (const name of names)
      await s.app.db.transaction().execute((trx) =>
        s.app.platform.events.publish(trx, 'accounts', [{ type: 'accounts.accountCreated', channels: ['accounts'], payload: { accountId: name.slice(0, 8), role: 'worker', name, email: 'x@x' } }]),
      );
    const deadline = Date.now() + 10_000;
    while (got.length < names.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    sub.unsubscribe();
    expect(got.map((g) => g.data.name)).toEqual(names);
    // A malformed frame would break the connection; the client would reconnect and resume, so the
    // names could still arrive: the subscription must have started once.
    expect(starts).toBe(1);
  });
});
