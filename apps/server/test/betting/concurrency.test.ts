// Many managers betting on one order at once through two server processes on one database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OddsChangedPayload } from '@mcf/betting';
import { startTestServer, type Client, type TestServer } from '../support/harness.ts';
import { codeOf, openOrder, publishOrder, settled, waitFor } from './support.ts';

const OUTCOMES = ['completed', 'canceled', 'failed'] as const;

describe('concurrent betting across two servers', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer({ databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('no lost or double stake, wallets never negative, subscribers converge to the final pool', async () => {
    const orderId = await openOrder(a.app);
    await waitFor(async () => (await b.app.contexts.betting.facade.odds(orderId)) !== null, 'order visible on b');
    const TOP_UP = 5_000;
    const managers = await Promise.all(
      Array.from({ length: 15 }, async (_, i) => {
        const m = await a.signedIn('manager', `Racer ${i}`);
        return { ...m, viaA: m.client, viaB: b.client(m.token) };
      }),
    );
    await Promise.all(managers.map((m) => m.viaA.betting.topUp.mutate({ amountCents: TOP_UP })));

    // Watchers on both servers.
    const watchers: { seen: OddsChangedPayload[]; ids: string[]; close: () => void }[] = [];
    for (const [server, m] of [[a, managers[0]], [b, managers[1]], [a, managers[2]], [b, managers[3]]] as const) {
      const c: Client = server.client(m.token);
      const w = { seen: [] as OddsChangedPayload[], ids: [] as string[], close: () => undefined as void };
      const sub = c.betting.onOdds.subscribe({ orderId }, { onData: (d) => (w.seen.push(d.data), w.ids.push(d.id)), onError: (e) => w.seen.push({ error: String(e) } as never) });
      w.close = () => sub.unsubscribe();
      watchers.push(w);
    }
    await waitFor(async () => watchers.every((w) => w.seen.length > 0), 'watchers got the current odds');

    // Each manager fires 12 bets at once, alternating servers, 700 cents each: 8,400 asked for, 5,000 held.
    const attempts = managers.flatMap((m, i) =>
      Array.from({ length: 12 }, (_, k) => ({ m, via: (i + k) % 2 ? m.viaA : m.viaB, outcome: OUTCOMES[(i + k) % 3], amountCents: 700 })),
    );
    const results = await Promise.all(
      attempts.map((t) => t.via.betting.placeBet.mutate({ orderId, outcome: t.outcome, amountCents: t.amountCents }).then(() => 'OK', (e) => codeOf(e))),
    );
    expect(results.filter((r) => r !== 'OK' && r !== 'CONFLICT')).toEqual([]);
    const okAttempts = attempts.filter((_, i) => results[i] === 'OK');

    const expected = { completed: 0, canceled: 0, failed: 0 };
    for (const t of okAttempts) expected[t.outcome] += t.amountCents;
    const pool = expected.completed + expected.canceled + expected.failed;

    for (const m of managers) {
      const mine = okAttempts.filter((t) => t.m === m);
      const w = await m.viaB.betting.wallet.query();
      expect(w.balanceCents).toBe(TOP_UP - mine.length * 700);
      expect(w.balanceCents).toBeGreaterThanOrEqual(0);
      expect(mine.length).toBe(Math.floor(TOP_UP / 700)); // every stake that fits went in, none more
      expect(w.entries.filter((e) => e.kind === 'stake')).toHaveLength(mine.length);
    }
    const bets = await a.app.platform.db.withSchema('betting').selectFrom('bet').select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('amount_cents').as('sum')]).where('order_id', '=', orderId).executeTakeFirstOrThrow();
    expect(Number(bets.n)).toBe(okAttempts.length);
    expect(Number(bets.sum)).toBe(pool);

    const odds = await a.anon.betting.odds.query({ orderId }).catch(() => null);
    expect(odds).toBeNull(); // anonymous: refused
    const final = await managers[0].viaA.betting.odds.query({ orderId });
    expect(final.poolCents).toBe(pool);
    expect(Object.fromEntries(OUTCOMES.map((o) => [o, final.outcomes[o].stakeCents]))).toEqual(expected);

    await waitFor(async () => watchers.every((w) => w.seen.at(-1)?.poolCents === pool), 'every watcher sees the final pool', 20_000);
    for (const w of watchers) {
      expect(w.seen.at(-1)!.outcomes).toEqual(final.outcomes);
      // each change arrives once, in order, and the pool only grows
      const ids = w.ids.map(Number);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      for (let i = 1; i < w.seen.length; i++) expect(w.seen[i].poolCents).toBeGreaterThan(w.seen[i - 1].poolCents);
      w.close();
    }

    // Ending the order pays out exactly the pool, once, though both servers run jobs.
    await publishOrder(b.app, orderId, 'completed');
    await settled(a.app, orderId);
    const st = await managers[0].viaA.betting.settlement.query({ orderId });
    expect(st.payouts.reduce((s, p) => s + p.payoutCents, 0) + st.developersBankCents).toBe(pool);
    const balances = await Promise.all(managers.map((m) => m.viaA.betting.wallet.query()));
    expect(balances.reduce((s, w) => s + w.balanceCents, 0)).toBe(15 * TOP_UP);
  });
});
