// Quality added to a running company: its migration replays the orders and supplies facts it missed,
// so orders that failed or were canceled before quality existed are in the queue too.
import { describe, expect, it, inject } from 'vitest';
import { createKysely, createPool, migrateAll } from '@mcf/db';
import { createEmptyDatabase } from '@mcf/db/testing';
import { EventPublisher } from '@mcf/kernel';
import { QUALITY_SCHEMA } from '@mcf/quality';
import { contextMigrations } from '../../src/contexts.ts';
import { lifecycle } from './support.ts';

describe('quality catches up on past events', () => {
  it('projects orders and supplies that ended before the quality schema existed, once', async () => {
    const url = await createEmptyDatabase(inject('databaseUrl'), inject('runPrefix'));
    const pool = createPool(url, { max: 4 });
    try {
      const db = createKysely<any>(pool);
      await migrateAll(pool, db, contextMigrations.filter((c) => c.schema !== QUALITY_SCHEMA));
      const failed = lifecycle('failed', { noShow: true, reason: 'no_show' });
      const canceled = lifecycle('canceled');
      const completed = lifecycle('completed');
      const events = new EventPublisher(); // nothing registered: no quality reaction will run for these
      await db.transaction().execute(async (trx) => {
        await events.publish(
          trx,
          'orders',
          [...failed, ...canceled, ...completed].map((p) => ({ type: `orders.${p.status}`, channels: ['orders'], payload: p })),
        );
      });
      await db.transaction().execute((trx) =>
        events.publish(trx, 'supplies', [{ type: 'supplies.issued', channels: ['clerks'], payload: { requestId: 'r-1', orderId: completed[0].orderId, workerId: completed[0].workerId, cookie: 'arrived', state: 'issued' } }]),
      );

      const applied = await migrateAll(pool, db, contextMigrations);
      expect(applied.map((a) => `${a.schema}/${a.migration}`)).toEqual(['quality/0001_quality', 'quality/0002_catch_up_on_past_events']);
      const q = db.withSchema(QUALITY_SCHEMA);
      const facts = await q.selectFrom('order_fact').select(['order_id', 'status', 'no_show']).execute();
      expect(facts.map((f) => f.status).sort()).toEqual(['canceled', 'completed', 'failed']);
      expect(facts.find((f) => f.order_id === failed[0].orderId)?.no_show).toBe(true);
      const reviews = await q.selectFrom('review').select(['order_id', 'reason']).execute();
      expect(reviews.map((r) => [r.order_id, r.reason]).sort()).toEqual(
        [
          [failed[0].orderId, 'failed'],
          [canceled[0].orderId, 'canceled'],
        ].sort(),
      );
      expect(await q.selectFrom('order_event').select('event_id').execute()).toHaveLength(failed.length + canceled.length + completed.length);
      expect(await q.selectFrom('supply_fact').select('request_id').execute()).toEqual([{ request_id: 'r-1' }]);
    } finally {
      await pool.end();
    }
  });
});
