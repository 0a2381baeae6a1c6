import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { codeOf, ledgerSum, publishOutcomes, reactionsDone, snapshot, waitFor } from './support.ts';

describe('billing: order outcomes → charges → weekly invoice and month-end payout', () => {
  let s: TestServer;
  const clock = new ManualClock(new Date('2026-03-02T12:00:00Z'));
  beforeAll(async () => {
    s = await startTestServer({ clock, env: { TZ: 'UTC', MCF_BILLING_SCHEDULE: 'off', MCF_PAYMENTS_LATENCY_MS: '5', MCF_GOLDHAT_LATENCY_MS: '5' } });
  });
  afterAll(() => s.stop());

  it('books charges, earnings and fines from order events and settles both invoices', async () => {
    const c = await s.signedIn('client', 'Biscuit');
    const w = await s.signedIn('worker', 'Luna');
    const done = snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 10_000, at: '2026-02-25T10:00:00Z' });
    await publishOutcomes(s, [
      done,
      snapshot({ clientId: c.id, workerId: w.id, status: 'canceled', priceCents: 9_000, at: '2026-02-26T10:00:00Z' }),
      snapshot({ clientId: c.id, workerId: w.id, status: 'failed', priceCents: 10_000, at: '2026-02-27T10:00:00Z' }),
    ]);
    // A redelivered event changes nothing.
    await publishOutcomes(s, [done]);
    await reactionsDone(s);

    const cs = await c.client.accounts.billing.statement.query();
    expect(cs.entries.map((e) => [e.kind, e.amountCents])).toEqual([['charge', 10_000], ['charge', 9_000], ['charge', 10_000]]);
    expect(cs.entries[0].orderId).toBe(done.orderId);
    expect(cs.upcomingCents).toBe(29_000);
    const ws = await w.client.accounts.billing.statement.query();
    expect(ws.entries.map((e) => [e.kind, e.amountCents])).toEqual([['earning', 6_000], ['fine', -4_000]]);
    expect(ws.upcomingCents).toBe(2_000);
    expect(ws.earningsByMonth.find((m) => m.month === '2026-02')).toEqual({ month: '2026-02', earningsCents: 6_000, finesCents: 4_000, creditsCents: 0, netCents: 2_000 });

    const m = s.client(await s.managerToken());
    await m.accounts.billing.creditWorker.mutate({ workerId: w.id, amountCents: 1_234, reason: 'Great work in the snow' });
    clock.set('2026-03-02T12:00:00Z');
    const week = await m.accounts.billing.closeWeek.mutate({ weekEnding: '2026-03-01' });
    expect(week.invoices).toEqual([expect.objectContaining({ accountId: c.id, totalCents: 29_000 })]);
    const again = await m.accounts.billing.closeWeek.mutate({ weekEnding: '2026-03-01' });
    expect(again.invoices.map((i) => i.id)).toEqual(week.invoices.map((i) => i.id));

    await waitFor('collection', () => c.client.accounts.billing.statement.query(), (st) => st.invoices[0]?.status === 'paid');
    expect(await s.app.contexts.accounts.facade.paidTotalCents(c.id)).toBe(29_000);
    const after = await c.client.accounts.billing.statement.query();
    expect(after.upcomingCents).toBe(0);
    expect(after.balanceCents).toBe(0);
    expect(after.entries.at(-1)).toMatchObject({ kind: 'payment', amountCents: -29_000 });

    // The credit was made on 2 March: it belongs to March, not February.
    const month = await m.accounts.billing.closeMonth.mutate({ month: '2026-02' });
    expect(month.invoices).toEqual([expect.objectContaining({ accountId: w.id, totalCents: 2_000 })]);
    await waitFor('payout', () => w.client.accounts.billing.statement.query(), (st) => st.invoices[0]?.status === 'paid');
    const wAfter = await w.client.accounts.billing.statement.query();
    expect(wAfter.upcomingCents).toBe(1_234);
    expect(wAfter.entries.find((e) => e.kind === 'credit')).toMatchObject({ amountCents: 1_234, note: 'Great work in the snow' });
    expect(await ledgerSum(s)).toBe(0);

    const list = await m.accounts.billing.invoices.query();
    expect(list.map((i) => [i.kind, i.status])).toEqual(expect.arrayContaining([['client_week', 'paid'], ['worker_month', 'paid']]));
  });

  it('the ledger refuses to change or to be unbalanced', async () => {
    const db = s.app.db.withSchema('accounts');
    await expect(db.updateTable('posting_line').set({ amount_cents: 1 }).execute()).rejects.toThrow(/immutable/);
    await expect(db.deleteFrom('posting').execute()).rejects.toThrow(/immutable/);
  });

  it('an outcome naming an unknown account or a malformed one books nothing and does not clog the queue', async () => {
    const before = await ledgerSum(s);
    const ghost = snapshot({ clientId: '00000000-0000-4000-8000-000000000001', workerId: null, status: 'canceled', priceCents: 9_000, at: '2026-02-27T10:00:00Z' });
    await publishOutcomes(s, [ghost, { ...ghost, orderId: 'x', clientId: 'not-a-uuid' }]);
    await reactionsDone(s);
    expect(await ledgerSum(s)).toBe(before);
    const n = await s.app.db.withSchema('accounts').selectFrom('posting').select('id').where('order_id', '=', ghost.orderId).execute();
    expect(n).toEqual([]);
  });

  it('a week that has not ended cannot be closed', async () => {
    const m = s.client(await s.managerToken());
    await expect(m.accounts.billing.closeWeek.mutate({ weekEnding: '2026-03-08' })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT');
  });
});
