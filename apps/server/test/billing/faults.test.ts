// Provider faults: errors, timeouts, answers that come too late, declines, and a process killed in the
// middle of a payout. Whatever happens, a retry never moves money twice.
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@mcf/kernel';
import { createKysely, createPool } from '@mcf/db';
import { freshDatabase, spawnServer, startTestServer, type ServerProcess, type TestServer } from '../support/harness.ts';
import { publishOutcomes, reactionsDone, snapshot, waitFor } from './support.ts';

const fast = { TZ: 'UTC', MCF_BILLING_SCHEDULE: 'off', MCF_PAYMENTS_LATENCY_MS: '5', MCF_GOLDHAT_LATENCY_MS: '5', MCF_PAYMENT_RETRY_BASE_MS: '100', MCF_PAYMENT_RETRY_MAX_MS: '400' };

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function server(env: Record<string, string>, databaseUrl?: string, now = '2026-03-02T12:00:00Z') {
  const s = await startTestServer({ databaseUrl, clock: new ManualClock(new Date(now)), env: { ...fast, ...env } });
  servers.push(s);
  return s;
}

async function clientWeekInvoice(s: TestServer, priceCents = 10_000) {
  const c = await s.signedIn('client');
  const w = await s.signedIn('worker');
  await publishOutcomes(s, [snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents, at: '2026-02-25T10:00:00Z' })]);
  await reactionsDone(s);
  const m = s.client(await s.managerToken());
  const { invoices } = await m.accounts.billing.closeWeek.mutate({ weekEnding: '2026-03-01' });
  return { c, w, m, invoice: invoices.find((i) => i.accountId === c.id)! };
}

const invoiceRow = (s: TestServer, id: string) => s.app.db.withSchema('accounts').selectFrom('invoice').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const transfers = (s: TestServer, provider: string) => s.app.db.withSchema('accounts').selectFrom('sim_transfer').selectAll().where('provider', '=', provider).execute();
const settlements = (s: TestServer, invoiceId: string) => s.app.db.withSchema('accounts').selectFrom('posting').selectAll().where('invoice_id', '=', invoiceId).execute();

describe('collection through a faulty payment provider', () => {
  it('an error, a timeout and an answer that came too late end in one payment, with one key', async () => {
    const s = await server({ MCF_PAYMENTS_SCRIPT: 'fail,timeout,late', MCF_PAYMENTS_HANG_MS: '1500', MCF_PROVIDER_TIMEOUT_MS: '400' });
    const { invoice, c } = await clientWeekInvoice(s);
    const seen = new Set<string>();
    const row = await waitFor(
      'the collection to settle',
      async () => {
        const r = await invoiceRow(s, invoice.id);
        seen.add(r.status);
        return r;
      },
      (r) => r.status === 'paid',
      30_000,
    );
    expect(seen.has('retrying')).toBe(true);
    expect(row.attempts).toBe(4);
    const t = await transfers(s, 'payments');
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ key: row.idempotency_key, amount_cents: 10_000, outcome: 'done' });
    expect(await settlements(s, invoice.id)).toHaveLength(1);
    expect(await s.app.contexts.accounts.facade.paidTotalCents(c.id)).toBe(10_000);
  });

  it('giving up after timeouts keeps the key: a manager retry finds the transfer already made and pays nothing twice', async () => {
    const s = await server({ MCF_PAYMENTS_SCRIPT: 'late,timeout', MCF_PAYMENTS_HANG_MS: '1200', MCF_PROVIDER_TIMEOUT_MS: '300', MCF_PAYMENT_MAX_ATTEMPTS: '2' });
    const { invoice, m } = await clientWeekInvoice(s);
    const failed = await waitFor('give up', () => invoiceRow(s, invoice.id), (r) => r.status === 'failed', 20_000);
    expect(failed).toMatchObject({ last_outcome: 'unknown', attempts: 2 });
    const listed = await m.accounts.billing.invoices.query({ status: 'failed' });
    expect(listed).toEqual([expect.objectContaining({ id: invoice.id, status: 'failed', lastError: expect.stringMatching(/gave up/) })]);
    await m.accounts.billing.retryInvoice.mutate({ invoiceId: invoice.id });
    const paid = await waitFor('retry', () => invoiceRow(s, invoice.id), (r) => r.status === 'paid', 20_000);
    expect(paid.idempotency_key).toBe(failed.idempotency_key);
    expect(await transfers(s, 'payments')).toHaveLength(1);
    expect(await settlements(s, invoice.id)).toHaveLength(1);
    await expect(m.accounts.billing.retryInvoice.mutate({ invoiceId: invoice.id })).rejects.toThrow(/already paid/);
  });
});

describe('payouts through a faulty Gold Hat', () => {
  it('a declined payout fails visibly; a manager retry uses a fresh key and pays once', async () => {
    const s = await server({ MCF_GOLDHAT_SCRIPT: 'decline' }, undefined, '2026-03-25T12:00:00Z');
    const w = await s.signedIn('worker');
    const m = s.client(await s.managerToken());
    await m.accounts.billing.creditWorker.mutate({ workerId: w.id, amountCents: 7_777, reason: 'Bonus' });
    const { invoices } = await m.accounts.billing.closeMonth.mutate({ month: '2026-03' }).catch(() => ({ invoices: [] as { id: string }[] }));
    expect(invoices).toEqual([]); // March has not ended on 25 March
    // The credit was made "now" (25 March); close March by moving on in time.
    (s.app.platform.clock as ManualClock).set('2026-04-01T00:00:01Z');
    const closed = await m.accounts.billing.closeMonth.mutate({ month: '2026-03' });
    const id = closed.invoices[0].id;
    const failed = await waitFor('decline', () => invoiceRow(s, id), (r) => r.status === 'failed');
    expect(failed.last_outcome).toBe('declined');
    expect((await w.client.accounts.billing.statement.query()).invoices[0]).toMatchObject({ id, status: 'failed', totalCents: 7_777 });
    await m.accounts.billing.retryInvoice.mutate({ invoiceId: id });
    const paid = await waitFor('payout', () => invoiceRow(s, id), (r) => r.status === 'paid');
    expect(paid.idempotency_key).not.toBe(failed.idempotency_key);
    const t = await transfers(s, 'goldhat');
    expect(t.map((x) => x.outcome).sort()).toEqual(['declined', 'done']);
    expect(await settlements(s, id)).toHaveLength(1);
    const st = await w.client.accounts.billing.statement.query();
    expect(st.entries.map((e) => [e.kind, e.amountCents])).toEqual([['credit', 7_777], ['payout', -7_777]]);
    expect(st.balanceCents).toBe(0);
  });

  it('a process killed mid-payout, after Gold Hat moved the money but before it was recorded, resumes on restart without paying twice', { timeout: 120_000 }, async () => {
    const databaseUrl = await freshDatabase();
    // Prepare the data with an API-only server (no jobs): a worker with a credit, and a closed month.
    const prep = await server({ MCF_JOBS: 'off' }, databaseUrl, '2026-03-25T12:00:00Z');
    const w = await prep.signedIn('worker');
    const m = prep.client(await prep.managerToken());
    await m.accounts.billing.creditWorker.mutate({ workerId: w.id, amountCents: 12_345, reason: 'Before the crash' });
    (prep.app.platform.clock as ManualClock).set('2026-04-01T00:00:01Z');
    const { invoices } = await m.accounts.billing.closeMonth.mutate({ month: '2026-03' });
    const id = invoices[0].id;

    const pool = createPool(databaseUrl, { max: 2 });
    const db = createKysely<any>(pool).withSchema('accounts');
    let child: ServerProcess | null = null;
    let second: ServerProcess | null = null;
    try {
      // A real server process: Gold Hat records the transfer, then takes a minute to answer.
      child = await spawnServer(databaseUrl, { ...fast, MCF_GOLDHAT_SCRIPT: 'late', MCF_GOLDHAT_HANG_MS: '60000', MCF_PROVIDER_TIMEOUT_MS: '90000', MCF_PAYMENT_LEASE_SECONDS: '2' });
      await waitFor('the transfer to be made while the process waits', () => db.selectFrom('sim_transfer').selectAll().execute(), (rows) => rows.length === 1, 30_000);
      expect((await db.selectFrom('invoice').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('sending');
      await child.kill9();
      child = null;
      // Let the dead attempt's lease lapse, then start again.
      await waitFor('the lease to lapse', () => db.selectFrom('invoice').select('lease_until').where('id', '=', id).executeTakeFirstOrThrow(), (r) => r.lease_until.getTime() < Date.now() - 500);
      second = await spawnServer(databaseUrl, { ...fast });
      const paid = await waitFor('the payout to be recorded', () => db.selectFrom('invoice').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), (r) => r.status === 'paid', 30_000);
      expect(paid.attempts).toBe(2);
      expect(await db.selectFrom('sim_transfer').selectAll().execute()).toHaveLength(1);
      expect(await db.selectFrom('posting').selectAll().where('invoice_id', '=', id).execute()).toHaveLength(1);
    } finally {
      await child?.kill9();
      await second?.stop();
      await pool.end();
    }
  });
});
