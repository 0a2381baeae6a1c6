import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type Client } from '../support/harness.ts';
import { feed, snapshot } from './support.ts';

// The same fixed data set as packages/quality/test/stats.test.ts, through events and the API.
describe('statistics through the API match hand-computed figures', () => {
  let s: TestServer;
  let m: Client;
  let w1: string, w2: string, w3: string;
  beforeAll(async () => {
    s = await startTestServer();
    m = s.client(await s.managerToken());
    w1 = (await s.signedIn('worker', 'Garfield')).id;
    w2 = (await s.signedIn('worker', 'Luna')).id;
    w3 = (await s.signedIn('worker', 'Simba')).id;
    const jars = { serviceTypeId: 'jars', serviceTypeName: 'Toss jars' };
    const poke = { serviceTypeId: 'poke', serviceTypeName: 'Poke things' };
    const o = (status: 'completed' | 'failed' | 'canceled' | 'matched' | 'started', st: typeof jars, workerId: string | null, scheduledAt: string, noShow = false) =>
      snapshot({ orderId: randomUUID(), status, ...st, workerId, scheduledAt, noShow });
    await feed(s, [
      o('completed', jars, w1, '2026-01-05T10:00:00Z'),
      o('failed', jars, w1, '2026-01-06T10:00:00Z', true),
      o('canceled', jars, null, '2026-01-07T10:00:00Z'),
      o('completed', poke, w2, '2026-01-11T23:59:00Z'),
      o('failed', poke, w2, '2026-01-12T00:00:00Z'),
      o('completed', poke, w3, '2026-01-13T09:00:00Z'),
      o('canceled', jars, w3, '2026-01-14T09:00:00Z'),
      o('completed', jars, w1, '2026-01-15T09:00:00Z'),
      o('matched', jars, w1, '2026-01-16T09:00:00Z'),
      o('started', poke, w2, '2026-01-16T09:00:00Z'),
    ]);
  });
  afterAll(() => s.stop());

  it('totals, weeks, service types and workers', async () => {
    const st = await m.quality.stats.query();
    expect(st.totals).toMatchObject({ ended: 8, completed: 4, failed: 2, noShow: 1, canceled: 2, failureRate: 0.25, noShowRate: 0.125, cancellationRate: 0.25 });
    expect(st.byWeek.map((w) => [w.key, w.ended, w.failureRate, w.noShowRate, w.cancellationRate])).toEqual([
      ['2026-01-05', 4, 0.25, 0.25, 0.25],
      ['2026-01-12', 4, 0.25, 0, 0.25],
    ]);
    const bySt = Object.fromEntries(st.byServiceType.map((r) => [r.key, r]));
    expect(bySt.jars).toMatchObject({ label: 'Toss jars', ended: 5, failureRate: 0.2, noShowRate: 0.2, cancellationRate: 0.4 });
    expect(bySt.poke).toMatchObject({ label: 'Poke things', ended: 3, failed: 1, noShowRate: 0, cancellationRate: 0 });
    const byW = Object.fromEntries(st.byWorker.map((r) => [r.key, r]));
    expect(byW[w1]).toMatchObject({ label: 'Garfield', ended: 3, failed: 1, noShow: 1 });
    expect(byW[w2]).toMatchObject({ label: 'Luna', ended: 2, failureRate: 0.5 });
    expect(byW[w3]).toMatchObject({ label: 'Simba', ended: 2, cancellationRate: 0.5 });
    expect(byW.none).toMatchObject({ ended: 1, cancellationRate: 1 });
    // Failed and canceled orders queued themselves: 2 + 2.
    expect(st.reviews).toMatchObject({ open: 4, submitted: 0, byReason: { failed: 2, canceled: 2, random: 0 } });
  });

  it('filters by date range and service type', async () => {
    const week2 = await m.quality.stats.query({ from: '2026-01-12', to: '2026-01-18' });
    expect(week2.totals).toMatchObject({ ended: 4, failed: 1, canceled: 1 });
    const poke = await m.quality.stats.query({ serviceTypeId: 'poke' });
    expect(poke.totals).toMatchObject({ ended: 3, completed: 2, failed: 1 });
  });

  it('exports the rates, reviews and hypotheses as CSV', async () => {
    const rates = await m.quality.exportCsv.query({ kind: 'rates' });
    expect(rates.filename).toMatch(/^quality-rates-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = rates.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('dimension,key,label,ended,completed,failed,no_show,canceled,failure_rate_pct,no_show_rate_pct,cancellation_rate_pct');
    expect(lines[1]).toBe('total,all,All orders,8,4,2,1,2,25,12.5,25');
    expect(lines).toContain('week,2026-01-12,Week of 2026-01-12,4,2,1,0,1,25,0,25');
    expect(lines).toContain('service_type,jars,Toss jars,5,2,1,1,2,20,20,40');
    expect(lines.filter((l) => l.startsWith('worker,'))).toHaveLength(4);
    const reviews = await m.quality.exportCsv.query({ kind: 'reviews' });
    expect(reviews.csv.trimEnd().split('\r\n')).toHaveLength(1 + 4);
    const hyps = await m.quality.exportCsv.query({ kind: 'hypotheses' });
    expect(hyps.csv.startsWith('id,hypothesis,supporting_reviews')).toBe(true);
  });
});
