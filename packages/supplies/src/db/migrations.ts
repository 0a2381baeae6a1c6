import { sql, type Kysely, type Migration } from 'kysely';

export const suppliesMigrations: Record<string, Migration> = {
  '0001_supply_requests': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('request')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        // One request per order: the cookie and the set belong to the order.
        .addColumn('order_id', 'uuid', (c) => c.notNull().unique())
        .addColumn('worker_id', 'uuid', (c) => c.notNull())
        .addColumn('worker_name', 'text', (c) => c.notNull())
        .addColumn('client_id', 'uuid', (c) => c.notNull())
        .addColumn('client_name', 'text', (c) => c.notNull())
        .addColumn('service_type_name', 'text', (c) => c.notNull())
        .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open','issued','withdrawn')`))
        .addColumn('cookie', 'text', (c) => c.notNull().check(sql`cookie in ('pending','arrived','failed')`))
        .addColumn('cookie_reason', 'text')
        .addColumn('cookie_due_at', 'timestamptz')
        .addColumn('cookie_arrived_at', 'timestamptz')
        .addColumn('bakery_order_id', 'text')
        .addColumn('bakery_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cookie_round', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('fortune', 'text')
        .addColumn('issued_at', 'timestamptz')
        .addColumn('issued_by', 'uuid')
        .addColumn('withdrawn_reason', 'text')
        .addColumn('order_event_id', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('request_state_scheduled').on('request').columns(['state', 'scheduled_at']).execute();
      await db.schema.createIndex('request_worker').on('request').columns(['worker_id', 'scheduled_at']).execute();
    },
  },
};
