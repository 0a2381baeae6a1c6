// The commit signal carries small transactions' events whole (delivered without reading the log back);
// large ones, and any gap in ids (a rolled-back transaction), are read from the log. Either way a
// subscriber gets every event once, in order, with its full payload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { eventsOfNotice, notice } from '@mcf/kernel';

type Got = { id: string; data: { accountId: string; name: string } };

describe('commit notices', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.stop());

  it('a notice carries small events whole and only ids for large ones', () => {
    const small = [{ id: 7, context: 'accounts', type: 't', channels: ['accounts'], payload: { a: 1 }, at: new Date() }];
    expect(eventsOfNotice(notice(small))?.map((e) => [e.id, e.payload])).toEqual([[7, { a: 1 }]]);
    const large = [{ ...small[0], payload: { a: 'x'.repeat(10_000) } }];
    expect(Buffer.byteLength(notice(large))).toBeLessThan(8000);
    expect(eventsOfNotice(notice(large))).toBeNull();
    expect(eventsOfNotice('12')).toBeNull();
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
});
