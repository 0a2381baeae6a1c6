import { sql, type Kysely, type Migration } from 'kysely';
import { pastEvents } from '@mcf/kernel';
import { ORDER_EVENT_TYPES, SUPPLY_EVENT_TYPES } from '../events.ts';
import { projectOrderEvent, projectSupplyEvent } from '../policies/projections.ts';

export const qualityMigrations: Record<string, Migration> = {
  '0001_quality': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('order_fact')
        .addColumn('order_id', 'uuid', (c) => c.primaryKey())
        .addColumn('client_id', 'uuid', (c) => c.notNull())
        .addColumn('worker_id', 'uuid')
        .addColumn('service_type_id', 'text', (c) => c.notNull())
        .addColumn('service_type_name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('price_cents', 'bigint')
        .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('copy_of', 'uuid')
        .addColumn('reason', 'text')
        .addColumn('no_show', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('ended_at', 'timestamptz')
        .addColumn('last_event_id', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('order_fact_status').on('order_fact').columns(['status', 'service_type_id', 'scheduled_at']).execute();
      await db.schema.createIndex('order_fact_worker').on('order_fact').column('worker_id').execute();

      await db.schema
        .createTable('order_event')
        .addColumn('event_id', 'bigint', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('worker_id', 'uuid')
        .addColumn('reason', 'text')
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('order_event_order').on('order_event').columns(['order_id', 'event_id']).execute();

      await db.schema
        .createTable('supply_fact')
        .addColumn('request_id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        .addColumn('worker_id', 'uuid')
        .addColumn('cookie', 'text')
        .addColumn('state', 'text')
        .addColumn('last_type', 'text', (c) => c.notNull())
        .addColumn('last_event_id', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('supply_fact_order').on('supply_fact').column('order_id').execute();

      await db.schema
        .createTable('review')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('failed','canceled','random')`))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','submitted')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('created_by', 'uuid')
        .addColumn('submitted_at', 'timestamptz')
        .addColumn('submitted_by', 'uuid')
        .addColumn('verdict', 'text', (c) => c.check(sql`verdict in ('worker_fault','no_fault','client_fault','unclear')`))
        .addColumn('findings', 'text')
        .addColumn('other_causes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addUniqueConstraint('review_order_reason', ['order_id', 'reason'])
        .execute();
      await db.schema.createIndex('review_status').on('review').columns(['status', 'created_at']).execute();

      await db.schema
        .createTable('cause')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('normalized', 'text', (c) => c.notNull().unique())
        .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('review_cause')
        .addColumn('review_id', 'uuid', (c) => c.notNull().references('review.id').onDelete('cascade'))
        .addColumn('cause_id', 'uuid', (c) => c.notNull().references('cause.id'))
        .addPrimaryKeyConstraint('review_cause_pk', ['review_id', 'cause_id'])
        .execute();

      await db.schema
        .createTable('hypothesis')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('normalized', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('created_by', 'uuid')
        .execute();
      await db.schema
        .createTable('review_hypothesis')
        .addColumn('review_id', 'uuid', (c) => c.notNull().references('review.id').onDelete('cascade'))
        .addColumn('hypothesis_id', 'uuid', (c) => c.notNull().references('hypothesis.id'))
        .addPrimaryKeyConstraint('review_hypothesis_pk', ['review_id', 'hypothesis_id'])
        .execute();
      await db.schema.createIndex('review_hypothesis_h').on('review_hypothesis').column('hypothesis_id').execute();

      // A starting list of causes managers can edit.
      const seed = ['Worker did not show up', 'Worker was late', 'Supplies missing or late', 'Client changed plans', 'Wrong service type booked', 'Place hard to reach'];
      for (const label of seed) {
        await db.insertInto('cause').values({ id: sql`gen_random_uuid()`, label, normalized: label.toLowerCase() }).execute();
      }
    },
  },
  '0002_catch_up_on_past_events': {
    // Orders and supply requests that existed before this context did: replay the facts the live
    // reactions project (idempotent, so events the reactions also handle change nothing twice).
    async up(db: Kysely<any>) {
      for (const e of await pastEvents(db, ORDER_EVENT_TYPES)) await projectOrderEvent(null, db, e);
      for (const e of await pastEvents(db, SUPPLY_EVENT_TYPES)) await projectSupplyEvent(db, e);
    },
  },
};
