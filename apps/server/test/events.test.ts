// The durable event path: outbox commit → NOTIFY → every process → live subscribers, resumable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase, makeClient, spawnServer, startTestServer, type ServerProcess, type TestServer, closeClient } from './support/harness.ts';

type Received = { id: string; data: { accountId: string; name: string } };

function collect(client: ReturnType<typeof makeClient>, lastEventId?: string) {
  const got: Received[] = [];
  const sub = client.accounts.onAccounts.subscribe(lastEventId ? { lastEventId } : undefined, {
    onData: (d) => got.push(d as unknown as Received),
  });
  return { got, stop: () => sub.unsubscribe() };
}

async function until(cond: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('events across server processes', () => {
  let db: string;
  let other: ServerProcess;
  let local: TestServer;
  let managerOnOther: ReturnType<typeof makeClient>;
  let managerOnLocal: ReturnType<typeof makeClient>;

  beforeAll(async () => {
    db = await freshDatabase();
    other = await spawnServer(db);
    local = await startTestServer({ databaseUrl: db });
    const login = await makeClient(other.url).accounts.login.mutate({ email: 'admin@mcf.local', password: 'admin-pass-1' });
    managerOnOther = makeClient(other.url, login.token);
    managerOnLocal = local.client(login.token);
  });
  afterAll(async () => {
    await closeClient(managerOnOther);
    await local?.stop();
    await other?.stop();
  });

  const create = (name: string) =>
    managerOnOther.accounts.create.mutate({ role: 'worker', email: `${name.toLowerCase()}.${Date.now()}@test.mcf`, name, password: 'password-123' });

  it('delivers a commit made through one process to a subscriber on another', async () => {
    const sub = collect(managerOnLocal);
    await new Promise((r) => setTimeout(r, 300)); // let the subscription open
    const { id } = await create('Cross');
    await until(() => sub.got.some((e) => e.data.accountId === id));
    sub.stop();
  });

  it('resumes from lastEventId with exactly the missed events, in order, then live', async () => {
    const first = collect(managerOnLocal);
    await new Promise((r) => setTimeout(r, 300));
    const a = await create('Alpha');
    await until(() => first.got.some((e) => e.data.accountId === a.id));
    const resumeFrom = first.got.find((e) => e.data.accountId === a.id)!.id;
    first.stop();

    const missed = [await create('Missed1'), await create('Missed2'), await create('Missed3')];
    const resumed = collect(managerOnLocal, resumeFrom);
    await until(() => resumed.got.length >= 3);
    const live = await create('Live');
    await until(() => resumed.got.some((e) => e.data.accountId === live.id));
    await new Promise((r) => setTimeout(r, 300));
    resumed.stop();

    expect(resumed.got.map((e) => e.data.accountId)).toEqual([...missed.map((m) => m.id), live.id]);
    const ids = resumed.got.map((e) => Number(e.id));
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBeGreaterThan(Number(resumeFrom));
  });

  it('a rolled-back transaction emits nothing', async () => {
    const sub = collect(managerOnLocal);
    await new Promise((r) => setTimeout(r, 300));
    const before = await sql<{ n: string }>`select count(*) as n from platform.event_log`.execute(local.app.db);
    await local.app.db
      .transaction()
      .execute(async (trx) => {
        await local.app.platform.events.publish(trx, 'accounts', [
          { type: 'accounts.accountCreated', channels: ['accounts'], payload: { accountId: 'ghost', role: 'worker', name: 'Ghost', email: 'g@x' } },
        ]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const after = await sql<{ n: string }>`select count(*) as n from platform.event_log`.execute(local.app.db);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const real = await create('AfterRollback');
    await until(() => sub.got.some((e) => e.data.accountId === real.id));
    expect(sub.got.some((e) => e.data.accountId === 'ghost')).toBe(false);
    sub.stop();
  });

  it('refuses the account feed to non-managers', async () => {
    const clerk = await local.signedIn('clerk');
    const err = await new Promise<unknown>((resolve) => {
      clerk.client.accounts.onAccounts.subscribe(undefined, { onError: resolve, onData: () => resolve(null) });
    });
    expect((err as { data?: { code?: string } }).data?.code).toBe('FORBIDDEN');
  });
});
