import { sql, type Kysely, type Migration } from 'kysely';
import { billingUp } from './billingMigration.ts';

export const accountsMigrations: Record<string, Migration> = {
  '0001_accounts_sessions': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('account')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('client','worker','manager','clerk')`))
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('session')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('sign_in_attempt')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('succeeded', 'boolean', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sign_in_attempt_email').on('sign_in_attempt').columns(['email', 'at']).execute();
      await db.schema.createIndex('sign_in_attempt_address').on('sign_in_attempt').columns(['address', 'at']).execute();
    },
  },
  '0002_testers_login_links': {
    async up(db: Kysely<any>) {
      // HCB tester roster: a client keeps the tester's id in the roster, so a re-import finds it.
      await db.schema.alterTable('account').addColumn('external_id', 'text', (c) => c.unique()).execute();
      await db.schema
        .createTable('login_link')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('created_by', 'uuid')
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('login_link_account').on('login_link').column('account_id').execute();
    },
  },
  '0003_billing': { up: billingUp },
};

