// The durable schedule: a crontab line whose tick closes ended periods in the server's time zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { publishOutcomes, reactionsDone, snapshot } from './support.ts';

describe('the durable schedule', () => {
  let s: TestServer;
  // Monday 00:05 in Tokyo: the week that ended five minutes ago, and last month, are due.
  const clock = new ManualClock(new Date('2026-03-01T15:05:00Z'));
  beforeAll(async () => {
    // The real cron would race this test at the next minute; the test drives the tick itself.
    s = await startTestServer({ clock, env: { TZ: 'Asia/Tokyo', MCF_BILLING_SCHEDULE: 'off', MCF_PAYMENTS_LATENCY_MS: '5', MCF_GOLDHAT_LATENCY_MS: '5' } });
  });
  afterAll(() => s.stop());

  it('is a crontab line, and its tick closes the ended week and month once', async () => {
    expect(s.app.contexts.accounts.crontab).toEqual(['* * * * * accounts:billing:tick ?max=1']);
    const c = await s.signedIn('client');
    const w = await s.signedIn('worker');
    await publishOutcomes(s, [
      // 23:00 on 28 February and 23:59 on Sunday 1 March, Tokyo time.
      snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 10_000, at: '2026-02-28T14:00:00Z' }),
      snapshot({ clientId: c.id, workerId: w.id, status: 'completed', priceCents: 10_000, at: '2026-03-01T14:59:00Z' }),
    ]);
    await reactionsDone(s);
    const tick = s.app.contexts.accounts.tasks!['accounts:billing:tick'];
    await tick({}); // MCF_BILLING_SCHEDULE=off: the plain tick closes nothing
    expect(await s.app.db.withSchema('accounts').selectFrom('invoice').select('id').execute()).toEqual([]);
    await Promise.all([tick({ closePeriods: true }), tick({ closePeriods: true })]);
    await tick({ closePeriods: true });
    const invoices = await s.app.db.withSchema('accounts').selectFrom('invoice').select(['kind', (e: any) => e.cast('period_end', 'text').as('period_end'), 'total_cents']).execute();
    expect(invoices.sort((x: any, y: any) => x.kind.localeCompare(y.kind))).toEqual([
      { kind: 'client_week', period_end: '2026-03-01', total_cents: 20_000 },
      { kind: 'worker_month', period_end: '2026-02-28', total_cents: 6_000 },
    ]);
  });
});
