import { sql, type Kysely, type Migration } from 'kysely';
import { DEFAULT_SCREENING } from '../domain/scoring.ts';

export const hiringMigrations: Record<string, Migration> = {
  '0001_hiring': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('application')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('age', 'integer', (c) => c.notNull())
        .addColumn('breed', 'text', (c) => c.notNull())
        .addColumn('coat_color', 'text', (c) => c.notNull())
        .addColumn('contact', 'text', (c) => c.notNull())
        .addColumn('contact_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('new').check(sql`status in ('new','contacted','testing','decided')`))
        .addColumn('has_photo', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('contacted_at', 'timestamptz')
        .addColumn('traits', 'jsonb')
        .addColumn('scored_at', 'timestamptz')
        .addColumn('decision', 'text', (c) => c.check(sql`decision in ('accepted','rejected')`))
        .addColumn('decision_score', 'double precision')
        .addColumn('config_version', 'integer')
        .addColumn('decided_at', 'timestamptz')
        .addColumn('decided_by', 'uuid')
        .addColumn('worker_id', 'uuid')
        .execute();
      // Duplicate detection: one open application per contact (races included).
      await db.schema.createIndex('application_open_contact').on('application').column('contact_key').unique().where(sql<boolean>`status <> 'decided'`).execute();
      await db.schema.createIndex('application_status').on('application').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('application_scored').on('application').column('scored_at').where(sql<boolean>`traits is not null`).execute();

      await db.schema
        .createTable('photo')
        .addColumn('application_id', 'uuid', (c) => c.primaryKey().references('application.id').onDelete('cascade'))
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('bytes', 'bytea', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('candidate')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('application_id', 'uuid', (c) => c.notNull().unique().references('application.id'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('test')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('application_id', 'uuid', (c) => c.notNull().references('application.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('params', 'jsonb', (c) => c.notNull())
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('assigned').check(sql`state in ('assigned','started','done')`))
        .addColumn('assigned_by', 'uuid', (c) => c.notNull())
        .addColumn('assigned_at', 'timestamptz', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz')
        .addColumn('submitted_at', 'timestamptz')
        .addColumn('answer', 'jsonb')
        .addColumn('traits', 'jsonb')
        .addColumn('summary', 'text')
        .addUniqueConstraint('test_position', ['application_id', 'position'])
        .execute();

      await db.schema
        .createTable('screening_config')
        .addColumn('version', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('config', 'jsonb', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.insertInto('screening_config').values({ config: JSON.stringify(DEFAULT_SCREENING), note: 'initial hypotheses' }).execute();

      await db.schema.createTable('setting').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'jsonb', (c) => c.notNull()).execute();
      await db.insertInto('setting').values({ key: 'active_config_version', value: '1' }).execute();

      await db.schema
        .createTable('used_challenge')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('used_challenge_expiry').on('used_challenge').column('expires_at').execute();
    },
  },
};
