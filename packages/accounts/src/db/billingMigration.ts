// The billing tables: a double-entry ledger (postings and their lines), invoices, closed periods,
// payment-method settings and the provider simulators' memory. See docs/billing.md.
import { sql, type Kysely } from 'kysely';

export async function billingUp(db: Kysely<any>) {
  await db.schema
    .createTable('posting')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // What caused it, once: `order:<id>:client`, `credit:<uuid>`, `invoice:<id>:settled` …
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('charge','payment','earning','fine','credit','payout')`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('invoice_id', 'uuid')
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('posting_account_at').on('posting').columns(['account_id', 'at']).execute();
  await db.schema.createIndex('posting_order').on('posting').column('order_id').execute();
  await db.schema
    .createTable('posting_line')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('posting_id', 'uuid', (c) => c.notNull().references('posting.id'))
    .addColumn('book', 'text', (c) => c.notNull())
    .addColumn('account_id', 'uuid')
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posting_line_posting').on('posting_line').column('posting_id').execute();
  await db.schema.createIndex('posting_line_book').on('posting_line').columns(['book', 'account_id']).execute();

  // Every posting balances to the cent, checked at commit; nothing in the ledger is ever changed.
  await sql`
    create function accounts.check_posting_balanced() returns trigger language plpgsql as $$
    declare pid uuid; total numeric; n int;
    begin
      if tg_table_name = 'posting' then pid := new.id; else pid := new.posting_id; end if;
      select coalesce(sum(amount_cents), 0), count(*) into total, n from accounts.posting_line where posting_id = pid;
      if n < 2 or total <> 0 then
        raise exception 'posting % does not balance (% lines, sum %)', pid, n, total using errcode = '23514';
      end if;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger posting_balanced after insert on accounts.posting deferrable initially deferred
    for each row execute function accounts.check_posting_balanced()`.execute(db);
  await sql`create constraint trigger posting_line_balanced after insert on accounts.posting_line deferrable initially deferred
    for each row execute function accounts.check_posting_balanced()`.execute(db);
  await sql`
    create function accounts.ledger_is_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'ledger entries are immutable; post a correcting entry instead' using errcode = '55000';
    end $$`.execute(db);
  await sql`create trigger posting_immutable before update or delete on accounts.posting
    for each row execute function accounts.ledger_is_immutable()`.execute(db);
  await sql`create trigger posting_line_immutable before update or delete on accounts.posting_line
    for each row execute function accounts.ledger_is_immutable()`.execute(db);

  await db.schema
    .createTable('invoice')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('client_week','worker_month')`))
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('period_end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('total_cents', 'bigint', (c) => c.notNull().check(sql`total_cents > 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','sending','retrying','paid','failed')`))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('key_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('provider_ref', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('paid_at', 'timestamptz')
    .addUniqueConstraint('invoice_one_per_period', ['account_id', 'kind', 'period_end'])
    .execute();
  await db.schema.createIndex('invoice_status').on('invoice').columns(['status', 'lease_until']).execute();
  await db.schema
    .createTable('invoice_item')
    .addColumn('posting_id', 'uuid', (c) => c.primaryKey().references('posting.id'))
    .addColumn('invoice_id', 'uuid', (c) => c.notNull().references('invoice.id'))
    .execute();
  await db.schema.createIndex('invoice_item_invoice').on('invoice_item').column('invoice_id').execute();
  await db.schema
    .createTable('billing_period')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_by', 'uuid')
    .addPrimaryKeyConstraint('billing_period_pk', ['kind', 'period_end'])
    .execute();
  await db.schema
    .createTable('payment_method')
    .addColumn('account_id', 'uuid', (c) => c.primaryKey().references('account.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The local simulators' memory of idempotency keys (a real provider keeps its own); shared by every
  // server process and kept across restarts, like an outside service would.
  await db.schema
    .createTable('sim_transfer')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sim_transfer_pk', ['provider', 'key'])
    .execute();
}
