import { sql, type Kysely, type Migration } from 'kysely';
import { pastEvents } from '@mcf/kernel';
import { DEFAULT_PIPELINE } from '../matching/config.ts';

const STATUSES = `'created','matched','supplied','started','completed','canceled','failed'`;

export const ordersMigrations: Record<string, Migration> = {
  '0001_orders': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('service_type')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull().defaultTo(120))
        .addColumn('retired_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      // Two live types may not share a name; a retired one frees its name.
      await sql`create unique index service_type_live_name on orders.service_type (lower(name)) where retired_at is null`.execute(db);

      await db.schema
        .createTable('orders')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('client_id', 'uuid', (c) => c.notNull())
        .addColumn('worker_id', 'uuid')
        .addColumn('service_type_id', 'uuid', (c) => c.notNull().references('service_type.id'))
        .addColumn('service_type_name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull())
        .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in (${STATUSES})`)))
        .addColumn('price_cents', 'bigint')
        .addColumn('base_price_cents', 'bigint')
        .addColumn('discount_percent', 'integer')
        // One copy per failed order: a second rebook is a CONFLICT.
        .addColumn('copy_of', 'uuid', (c) => c.unique().references('orders.id'))
        .addColumn('reason', 'text')
        .addColumn('no_show', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('previous_worker_id', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orders_client').on('orders').columns(['client_id', 'created_at']).execute();
      await db.schema.createIndex('orders_worker').on('orders').columns(['worker_id', 'status', 'scheduled_at']).execute();
      await db.schema.createIndex('orders_status').on('orders').columns(['status', 'created_at']).execute();

      await db.schema
        .createTable('order_transition')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id'))
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'uuid')
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('order_transition_order').on('order_transition').columns(['order_id', 'id']).execute();

      await db.schema
        .createTable('order_match')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id'))
        .addColumn('worker_id', 'uuid', (c) => c.notNull())
        .addColumn('pipeline_version', 'integer', (c) => c.notNull())
        .addColumn('fallback', 'boolean', (c) => c.notNull())
        .addColumn('explanation', 'json', (c) => c.notNull()) // json, not jsonb: keeps the steps' order
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('order_match_order').on('order_match').columns(['order_id', 'id']).execute();

      await db.schema
        .createTable('order_photo')
        .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('check_in','report')`))
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('data', 'bytea', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('uploaded_by', 'uuid', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_photo_pk', ['order_id', 'kind'])
        .execute();

      // The worker roster, projected from accounts.accountCreated and hiring.candidateAccepted.
      await db.schema
        .createTable('worker')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('worker_traits')
        .addColumn('worker_id', 'uuid', (c) => c.primaryKey())
        .addColumn('application_id', 'text')
        .addColumn('traits', 'jsonb', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('worker_finding')
        .addColumn('review_id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        .addColumn('worker_id', 'uuid')
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('worker_finding_worker').on('worker_finding').column('worker_id').execute();

      await db.schema
        .createTable('pipeline_version')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('config', 'jsonb', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.insertInto('pipeline_version').values({ version: 1, config: JSON.stringify(DEFAULT_PIPELINE), note: 'default pipeline' }).execute();

      // Workers that existed before this context did: replay the facts the live reactions project.
      for (const e of await pastEvents(db, ['accounts.accountCreated', 'hiring.candidateAccepted'])) {
        const p = e.payload as { accountId?: string; role?: string; name?: string; workerId?: string; applicationId?: string; traits?: unknown };
        if (e.type === 'accounts.accountCreated' && p.role === 'worker') {
          await db.insertInto('worker').values({ id: p.accountId, name: p.name, registered_at: e.at }).onConflict((oc) => oc.doNothing()).execute();
        } else if (e.type === 'hiring.candidateAccepted' && p.workerId) {
          const row = { worker_id: p.workerId, application_id: p.applicationId ?? null, traits: JSON.stringify(p.traits ?? {}), updated_at: e.at };
          await db.insertInto('worker_traits').values(row).onConflict((oc) => oc.column('worker_id').doUpdateSet(row)).execute();
        }
      }
    },
  },
};
