import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { codeOf, publishOutcomes, reactionsDone, snapshot, waitFor } from './support.ts';

describe('billing: who may do what, and bad input', () => {
  let s: TestServer;
  const clock = new ManualClock(new Date('2026-03-04T12:00:00Z'));
  beforeAll(async () => {
    s = await startTestServer({ clock, env: { TZ: 'UTC', MCF_BILLING_SCHEDULE: 'off', MCF_PAYMENTS_LATENCY_MS: '5' } });
  });
  afterAll(() => s.stop());

  const postings = async () => Number(((await s.app.db.withSchema('accounts').selectFrom('posting').select((e: any) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()) as { n: unknown }).n);

  it('nobody but managers and the owner reads a statement', async () => {
    const c = await s.signedIn('client');
    const other = await s.signedIn('client');
    const w = await s.signedIn('worker');
    const clerk = await s.signedIn('clerk');
    const m = s.client(await s.managerToken());
    expect((await c.client.accounts.billing.statement.query()).accountId).toBe(c.id);
    expect((await c.client.accounts.billing.statement.query({ accountId: c.id })).accountId).toBe(c.id);
    for (const who of [other, w, clerk]) {
      await expect(who.client.accounts.billing.statement.query({ accountId: c.id })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    }
    await expect(s.anon.accounts.billing.statement.query()).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
    expect((await m.accounts.billing.statement.query({ accountId: c.id })).accountId).toBe(c.id);
    expect((await m.accounts.billing.statement.query({ accountId: w.id })).role).toBe('worker');
    await expect(m.accounts.billing.statement.query({ accountId: '00000000-0000-4000-8000-000000000000' })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
  });

  it('only managers credit, close periods, list and retry invoices', async () => {
    const w = await s.signedIn('worker');
    const before = await postings();
    for (const role of ['client', 'worker', 'clerk'] as const) {
      const who = (await s.signedIn(role)).client;
      await expect(who.accounts.billing.creditWorker.mutate({ workerId: w.id, amountCents: 100, reason: 'for me' })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
      await expect(who.accounts.billing.closeWeek.mutate({ weekEnding: '2026-03-01' })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
      await expect(who.accounts.billing.closeMonth.mutate({ month: '2026-02' })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
      await expect(who.accounts.billing.invoices.query()).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
      await expect(who.accounts.billing.retryInvoice.mutate({ invoiceId: w.id })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    }
    await expect(s.anon.accounts.billing.creditWorker.mutate({ workerId: w.id, amountCents: 100, reason: 'anon' })).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
    expect(await postings()).toBe(before);
  });

  it('a credit keeps who and why', async () => {
    const w = await s.signedIn('worker');
    const mgr = await s.signedIn('manager', 'Tom Whiskers');
    const { id } = await mgr.client.accounts.billing.creditWorker.mutate({ workerId: w.id, amountCents: 2_500, reason: '  Rescued a jar  ' });
    const row = await s.app.db.withSchema('accounts').selectFrom('posting').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'credit', account_id: w.id, created_by: mgr.id, note: 'Rescued a jar' });
    const st = await w.client.accounts.billing.statement.query();
    expect(st.entries).toEqual([expect.objectContaining({ id, kind: 'credit', amountCents: 2_500, note: 'Rescued a jar' })]);
  });

  it('refuses bad amounts, non-Sundays, bad months and unknown workers, changing nothing', async () => {
    const m = s.client(await s.managerToken());
    const w = await s.signedIn('worker');
    const c = await s.signedIn('client');
    const before = await postings();
    for (const amountCents of [0, -500, 1.5]) {
      const e = await m.accounts.billing.creditWorker.mutate({ workerId: w.id, amountCents, reason: 'test' }).catch((x) => x);
      expect(codeOf(e)).toBe('BAD_REQUEST');
      expect(e.message).toMatch(/amountCents/);
    }
    const noReason = await m.accounts.billing.creditWorker.mutate({ workerId: w.id, amountCents: 100, reason: '' }).catch((x) => x);
    expect(noReason.message).toMatch(/reason/);
    await expect(m.accounts.billing.creditWorker.mutate({ workerId: '00000000-0000-4000-8000-000000000000', amountCents: 100, reason: 'ghost' })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    await expect(m.accounts.billing.creditWorker.mutate({ workerId: c.id, amountCents: 100, reason: 'not a worker' })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    await expect(m.accounts.billing.creditWorker.mutate({ workerId: 'nope', amountCents: 100, reason: 'bad id' })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST');
    for (const weekEnding of ['2026-03-02', '2026-02-30', '01-03-2026', '']) {
      const e = await m.accounts.billing.closeWeek.mutate({ weekEnding }).catch((x) => x);
      expect(codeOf(e)).toBe('BAD_REQUEST');
      expect(e.message).toMatch(/weekEnding/);
    }
    for (const month of ['2026-13', '2026-1', 'March']) {
      const e = await m.accounts.billing.closeMonth.mutate({ month }).catch((x) => x);
      expect(codeOf(e)).toBe('BAD_REQUEST');
      expect(e.message).toMatch(/month/);
    }
    // A period that has not ended yet is a CONFLICT, not a bad input.
    await expect(m.accounts.billing.closeMonth.mutate({ month: '2026-03' })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT');
    await expect(m.accounts.billing.retryInvoice.mutate({ invoiceId: '00000000-0000-4000-8000-000000000000' })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    expect(await postings()).toBe(before);
    const periods = await s.app.db.withSchema('accounts').selectFrom('billing_period').selectAll().execute();
    expect(periods).toEqual([]);
  });

  it('bills change live for the owner and managers; nobody else may watch', async () => {
    const c = await s.signedIn('client');
    const w = await s.signedIn('worker');
    const other = await s.signedIn('client');
    const m = s.client(await s.managerToken());
    const mine: { kind: string; amountCents: number | null }[] = [];
    const all: string[] = [];
    const subs = [
      c.client.accounts.billing.onChange.subscribe(undefined, { onData: (e) => mine.push(e.data) }),
      m.accounts.billing.onChange.subscribe({ all: true }, { onData: (e) => all.push(`${e.data.accountId}:${e.data.kind}`) }),
    ];
    const refused = await new Promise<unknown>((resolve) => {
      other.client.accounts.billing.onChange.subscribe({ accountId: c.id }, { onError: resolve, onData: () => resolve('data') });
    });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    await new Promise((r) => setTimeout(r, 300));
    await publishOutcomes(s, [snapshot({ clientId: c.id, workerId: w.id, status: 'failed', priceCents: 10_000, at: '2026-03-03T09:00:00Z' })]);
    await waitFor('live events', async () => [mine.length, all.length], ([a, b]) => a >= 1 && b >= 2);
    expect(mine).toEqual([expect.objectContaining({ kind: 'charge', amountCents: 10_000 })]);
    expect(all).toEqual(expect.arrayContaining([`${c.id}:charge`, `${w.id}:fine`]));
    for (const sub of subs) sub.unsubscribe();
  });

  it("a client's payment method is used for its next invoice", async () => {
    const c = await s.signedIn('client');
    expect((await c.client.accounts.billing.paymentMethod.query()).method).toBe('card');
    await expect(c.client.accounts.billing.setPaymentMethod.mutate({ method: 'cash' as never })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST');
    await c.client.accounts.billing.setPaymentMethod.mutate({ method: 'hcb_wallet' });
    const w = await s.signedIn('worker');
    await expect(w.client.accounts.billing.setPaymentMethod.mutate({ method: 'card' })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    await publishOutcomes(s, [snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 10_000, at: '2026-02-18T09:00:00Z' })]);
    await reactionsDone(s);
    const m = s.client(await s.managerToken());
    const { invoices } = await m.accounts.billing.closeWeek.mutate({ weekEnding: '2026-02-22' });
    const list = await m.accounts.billing.invoices.query({ accountId: c.id });
    expect(list).toEqual([expect.objectContaining({ id: invoices[0].id, method: 'hcb_wallet', totalCents: 10_000, accountName: expect.any(String) })]);
  });
});
