import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@mcf/kernel';
import { closeClient, freshDatabase, makeClient, spawnServer, startTestServer, type TestServer } from '../support/harness.ts';
import { publishOutcomes, reactionsDone, snapshot, waitFor } from './support.ts';

const quiet = { MCF_BILLING_SCHEDULE: 'off', MCF_PAYMENTS_LATENCY_MS: '5', MCF_GOLDHAT_LATENCY_MS: '5' };

describe('closing periods in the server time zone (America/Los_Angeles)', () => {
  let s: TestServer;
  const clock = new ManualClock(new Date('2026-03-10T12:00:00Z'));
  beforeAll(async () => {
    s = await startTestServer({ clock, env: { ...quiet, TZ: 'America/Los_Angeles' } });
  });
  afterAll(() => s.stop());

  it("a Sunday's last minutes belong to its week, Monday's first minutes to the next", async () => {
    const c = await s.signedIn('client');
    const w = await s.signedIn('worker');
    // Sunday 1 March 23:30 in Los Angeles is Monday 07:30 UTC; Monday 00:30 there is 08:30 UTC.
    const lateSunday = snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 10_000, at: '2026-03-02T07:30:00Z' });
    const earlyMonday = snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 9_500, at: '2026-03-02T08:30:00Z' });
    // Monday 23 Feb 00:10 local (08:10 UTC) opens the week; Sunday 22 Feb 23:50 local belongs to the week before.
    const earlyWeek = snapshot({ clientId: c.id, workerId: w.id, status: 'canceled', priceCents: 9_000, at: '2026-02-23T08:10:00Z' });
    const weekBefore = snapshot({ clientId: c.id, workerId: w.id, status: 'canceled', priceCents: 8_800, at: '2026-02-23T07:50:00Z' });
    await publishOutcomes(s, [weekBefore, earlyWeek, lateSunday, earlyMonday]);
    await reactionsDone(s);
    const m = s.client(await s.managerToken());
    const before = await m.accounts.billing.closeWeek.mutate({ weekEnding: '2026-02-22' });
    expect(before.invoices.find((i) => i.accountId === c.id)?.totalCents).toBe(8_800);
    const week = await m.accounts.billing.closeWeek.mutate({ weekEnding: '2026-03-01' });
    expect(week.invoices.find((i) => i.accountId === c.id)?.totalCents).toBe(19_000);
    const st = await c.client.accounts.billing.statement.query();
    expect(st.upcomingCents).toBe(9_500);
    // The worker's February ends at 1 March 08:00 UTC: the Sunday-night order is March's.
    const month = await m.accounts.billing.closeMonth.mutate({ month: '2026-02' });
    expect(month.invoices).toEqual([]);
    const all = await c.client.accounts.billing.statement.query({});
    expect(all.entries.filter((e) => e.kind === 'charge')).toHaveLength(4);
    const ws = await w.client.accounts.billing.statement.query();
    expect(ws.earningsByMonth.find((x) => x.month === '2026-03')?.earningsCents).toBe(6_000 + 5_700);
  });
});

describe('closing months of 28, 29, 30 and 31 days, twice, and from two servers at once', () => {
  let a: TestServer;
  let b: TestServer;
  const clock = new ManualClock(new Date('2028-06-15T12:00:00Z'));
  beforeAll(async () => {
    const databaseUrl = await freshDatabase();
    a = await startTestServer({ databaseUrl, clock, env: { ...quiet, TZ: 'Europe/Berlin' } });
    b = await startTestServer({ databaseUrl, clock, env: { ...quiet, TZ: 'Europe/Berlin' } });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('the last day of each month is paid with that month, the 1st of the next is not', async () => {
    const c = await a.signedIn('client');
    const w = await a.signedIn('worker');
    const months = [
      { month: '2028-02', last: '2028-02-29', next: '2028-03-01' },
      { month: '2028-03', last: '2028-03-31', next: '2028-04-01' },
      { month: '2028-04', last: '2028-04-30', next: '2028-05-01' },
    ];
    // 23:30 Berlin time on the last day, and 00:30 on the first of the next (Berlin is UTC+1 in winter, +2 in summer).
    const local = (day: string, hm: string) => {
      const off = day >= '2028-03-26' && day < '2028-10-29' ? '+02:00' : '+01:00';
      return new Date(`${day}T${hm}:00${off}`).toISOString();
    };
    const outcomes = months.flatMap((x, i) => [
      snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 10_000 + i, at: local(x.last, '23:30') }),
      snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 20_000 + i, at: local(x.next, '00:30') }),
    ]);
    // And one in January so February is not the first month.
    outcomes.push(snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 5_000, at: local('2028-01-31', '23:59') }));
    await publishOutcomes(a, outcomes);
    await reactionsDone(a);
    const m = a.client(await a.managerToken());
    const jan = await m.accounts.billing.closeMonth.mutate({ month: '2028-01' });
    expect(jan.invoices[0].totalCents).toBe(3_000);
    const feb = await m.accounts.billing.closeMonth.mutate({ month: '2028-02' });
    expect(feb.invoices[0].totalCents).toBe(6_000); // 60% of 10,000 on the 29th
    const mar = await m.accounts.billing.closeMonth.mutate({ month: '2028-03' });
    expect(mar.invoices[0].totalCents).toBe(12_000 + 6_001); // 20,000 on 1 March + 10,001 on the 31st
    const apr = await m.accounts.billing.closeMonth.mutate({ month: '2028-04' });
    expect(apr.invoices[0].totalCents).toBe(12_001 + 6_001); // 20,001 on 1 April + 10,002 on the 30th → 6,001.2 rounds to 6,001
    expect((await m.accounts.billing.closeMonth.mutate({ month: '2028-02' })).invoices.map((i) => i.id)).toEqual(feb.invoices.map((i) => i.id));
  });

  it('two server processes closing the same week at once make one invoice per client', async () => {
    const clients = await Promise.all([1, 2, 3].map(() => a.signedIn('client')));
    const w = await a.signedIn('worker');
    await publishOutcomes(a, clients.map((c, i) => snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 10_000 + i, at: '2028-05-30T10:00:00Z' })));
    await reactionsDone(a);
    const ma = a.client(await a.managerToken());
    const mb = b.client(await b.managerToken());
    const [ra, rb, rc] = await Promise.all([
      ma.accounts.billing.closeWeek.mutate({ weekEnding: '2028-06-04' }),
      mb.accounts.billing.closeWeek.mutate({ weekEnding: '2028-06-04' }),
      b.app.contexts.accounts.tasks!['accounts:billing:tick']({}).then(() => mb.accounts.billing.closeWeek.mutate({ weekEnding: '2028-06-04' })),
    ]);
    const mine = (r: typeof ra) => r.invoices.filter((i) => clients.some((c) => c.id === i.accountId));
    expect(mine(ra)).toHaveLength(3);
    expect(rb.invoices.map((i) => i.id).sort()).toEqual(ra.invoices.map((i) => i.id).sort());
    expect(rc.invoices.map((i) => i.id).sort()).toEqual(ra.invoices.map((i) => i.id).sort());
    const rows = await a.app.db.withSchema('accounts').selectFrom('invoice').select(['id', 'account_id']).where('period_end', '=', '2028-06-04').execute();
    expect(rows).toHaveLength(ra.invoices.length);
    expect(new Set(rows.map((r) => r.account_id)).size).toBe(rows.length);
    await waitFor('collections', () => ma.accounts.billing.invoices.query({ kind: 'client_week' }), (l) => l.every((i) => i.status === 'paid'));
    for (const c of clients) expect(await a.app.contexts.accounts.facade.paidTotalCents(c.id)).toBeGreaterThanOrEqual(10_000);
  });
});

describe('two real server processes closing the same week at once', () => {
  it('make one invoice per client and both answer with the same invoices', { timeout: 120_000 }, async () => {
    const databaseUrl = await freshDatabase();
    // Accounts and last week's order outcomes, written by an API-only server (no jobs of its own).
    const prep = await startTestServer({ databaseUrl, env: { MCF_JOBS: 'off', TZ: 'UTC' } });
    const clients = await Promise.all([1, 2, 3, 4].map(() => prep.signedIn('client')));
    const w = await prep.signedIn('worker');
    const now = new Date();
    const sunday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (now.getUTCDay() || 7)));
    const weekEnding = sunday.toISOString().slice(0, 10);
    const at = new Date(sunday.getTime() - 2 * 86_400_000).toISOString();
    await publishOutcomes(prep, clients.map((c) => snapshot({ clientId: c.id, workerId: w.id, status: 'canceled', priceCents: 9_000, at })));
    const env = { TZ: 'UTC', MCF_BILLING_SCHEDULE: 'off', MCF_PAYMENTS_LATENCY_MS: '5' };
    const [p1, p2] = await Promise.all([spawnServer(databaseUrl, env), spawnServer(databaseUrl, env)]);
    try {
      // The processes run the reactions; wait until every charge is booked.
      await waitFor('charges', () => prep.app.db.withSchema('accounts').selectFrom('posting').select('id').where('kind', '=', 'charge').execute(), (r) => r.length === 4, 30_000);
      const token = async (url: string) => (await makeClient(url).accounts.login.mutate({ email: 'admin@mcf.local', password: 'admin-pass-1' })).token;
      const [c1, c2] = [makeClient(p1.url, await token(p1.url)), makeClient(p2.url, await token(p2.url))];
      const [r1, r2] = await Promise.all([c1.accounts.billing.closeWeek.mutate({ weekEnding }), c2.accounts.billing.closeWeek.mutate({ weekEnding })]);
      expect(r1.invoices).toHaveLength(4);
      expect(r2.invoices.map((i) => i.id).sort()).toEqual(r1.invoices.map((i) => i.id).sort());
      const rows = await prep.app.db.withSchema('accounts').selectFrom('invoice').select('account_id').execute();
      expect(rows).toHaveLength(4);
      await waitFor('collections', () => c1.accounts.billing.invoices.query(), (l) => l.length === 4 && l.every((i) => i.status === 'paid'), 30_000);
      await Promise.all([closeClient(c1), closeClient(c2)]);
    } finally {
      await Promise.all([p1.stop(), p2.stop()]);
      await prep.stop();
    }
  });
});
