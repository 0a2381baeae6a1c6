// Platform tables shared by every context through the kernel: the ordered event log and the
// record of reactions already carried out (so a redelivered event changes nothing).
import { sql, type Kysely, type Migration } from 'kysely';

export const PLATFORM_SCHEMA = 'platform';

export interface EventLogTable {
  id: number;
  context: string;
  type: string;
  channels: string[];
  payload: unknown;
  at: Date;
}

export interface HandledEventTable {
  handler: string;
  event_id: number;
  at: Date;
}

export interface PlatformDB {
  event_log: EventLogTable;
  handled_event: HandledEventTable;
}

export const platformMigrations: Record<string, Migration> = {
  '0001_event_log': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('event_log')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn('context', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('channels', sql`text[]`, (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('event_log_channels').on('event_log').using('gin').column('channels').execute();
      await db.schema.createIndex('event_log_type').on('event_log').columns(['type', 'id']).execute();
      await db.schema
        .createTable('handled_event')
        .addColumn('handler', 'text', (c) => c.notNull())
        .addColumn('event_id', 'bigint', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('handled_event_pk', ['handler', 'event_id'])
        .execute();
    },
  },
};
