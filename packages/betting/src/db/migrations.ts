import { sql, type Kysely, type Migration } from 'kysely';

const outcomeCheck = (col: string) => sql.raw(`${col} in ('completed','canceled','failed')`);

export const bettingMigrations: Record<string, Migration> = {
  '0001_betting': {
    async up(db: Kysely<any>) {
      // The tote's own view of each order, kept from orders.* events, with the pool per outcome.
      await db.schema
        .createTable('order_state')
        .addColumn('order_id', 'uuid', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('service_type_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('scheduled_at', 'timestamptz')
        .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz')
        .addColumn('ended_at', 'timestamptz')
        .addColumn('last_event_id', 'bigint', (c) => c.notNull())
        .addColumn('completed_cents', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('canceled_cents', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_cents', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('order_state_status').on('order_state').columns(['status', 'opened_at']).execute();

      await db.schema
        .createTable('wallet')
        .addColumn('manager_id', 'uuid', (c) => c.primaryKey())
        .addColumn('balance_cents', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`balance_cents >= 0`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      await db.schema
        .createTable('bet')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull().references('order_state.order_id'))
        .addColumn('manager_id', 'uuid', (c) => c.notNull().references('wallet.manager_id'))
        .addColumn('outcome', 'text', (c) => c.notNull().check(outcomeCheck('outcome')))
        .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
        .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','won','lost','refunded')`))
        .execute();
      await db.schema.createIndex('bet_order').on('bet').columns(['order_id', 'placed_at']).execute();
      await db.schema.createIndex('bet_manager').on('bet').columns(['manager_id', 'placed_at']).execute();

      // Every movement of a wallet; the balance is their sum (kept in wallet.balance_cents).
      await db.schema
        .createTable('wallet_entry')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('manager_id', 'uuid', (c) => c.notNull().references('wallet.manager_id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('top_up','stake','payout','refund')`))
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        .addColumn('balance_after_cents', 'bigint', (c) => c.notNull())
        .addColumn('order_id', 'uuid')
        .addColumn('bet_id', 'uuid')
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('wallet_entry_manager').on('wallet_entry').columns(['manager_id', 'id']).execute();

      await db.schema
        .createTable('settlement')
        .addColumn('order_id', 'uuid', (c) => c.primaryKey().references('order_state.order_id'))
        .addColumn('outcome', 'text', (c) => c.notNull().check(outcomeCheck('outcome')))
        .addColumn('closed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('pool_cents', 'bigint', (c) => c.notNull())
        .addColumn('refunded_cents', 'bigint', (c) => c.notNull())
        .addColumn('developers_bank_cents', 'bigint', (c) => c.notNull())
        .addColumn('event_id', 'bigint', (c) => c.notNull())
        .addColumn('settled_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('settlement_payout')
        .addColumn('order_id', 'uuid', (c) => c.notNull().references('settlement.order_id'))
        .addColumn('manager_id', 'uuid', (c) => c.notNull())
        .addColumn('stake_cents', 'bigint', (c) => c.notNull())
        .addColumn('winning_stake_cents', 'bigint', (c) => c.notNull())
        .addColumn('payout_cents', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('settlement_payout_pk', ['order_id', 'manager_id'])
        .execute();

      // The odds after every change, for the chart.
      await db.schema
        .createTable('odds_point')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('order_id', 'uuid', (c) => c.notNull().references('order_state.order_id'))
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('open', 'boolean', (c) => c.notNull())
        .addColumn('completed_cents', 'bigint', (c) => c.notNull())
        .addColumn('canceled_cents', 'bigint', (c) => c.notNull())
        .addColumn('failed_cents', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('odds_point_order').on('odds_point').columns(['order_id', 'id']).execute();
    },
  },
};
