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
  // The outbox's append in one round trip (see packages/kernel/src/events/publisher.ts): take the
  // ordering lock, insert the events, add one reactions job for those that have reactions, and NOTIFY
  // with the events whole when they fit. Fewer round trips while the lock is held is what lets
  // event-producing transactions overlap more.
  '0002_append_events': {
    async up(db: Kysely<any>) {
      await sql`
        create or replace function platform.append_events(
          p_context text, p_events jsonb, p_react int[], p_task text, p_lock bigint, p_channel text, p_notice_limit int
        ) returns table (id bigint, at timestamptz) language plpgsql as $fn$
        declare
          ids bigint[];
          ats timestamptz[];
          whole text;
          reacting bigint[];
        begin
          if coalesce(jsonb_array_length(p_events), 0) = 0 then
            return;
          end if;
          perform pg_advisory_xact_lock(p_lock);
          with ins as (
            insert into platform.event_log (context, type, channels, payload)
            select p_context, e.value->>'type', array(select jsonb_array_elements_text(e.value->'channels')), e.value->'payload'
            from jsonb_array_elements(p_events) with ordinality as e(value, n)
            order by e.n
            returning event_log.id, event_log.at
          )
          select array_agg(ins.id order by ins.id), array_agg(ins.at order by ins.id) into ids, ats from ins;
          if p_task is not null and coalesce(array_length(p_react, 1), 0) > 0 then
            select array_agg(ids[r] order by r) into reacting from unnest(p_react) as r;
            perform graphile_worker.add_jobs(array[
              row(p_task, json_build_object('eventIds', to_json(reacting)), null, null, 25, 'reactions:' || reacting[1], null, null)::graphile_worker.job_spec
            ]);
          end if;
          select json_build_object('e', json_agg(json_build_object(
                   'i', ids[e.n], 'c', p_context, 't', e.value->>'type', 'ch', e.value->'channels', 'p', e.value->'payload',
                   'a', to_char(ats[e.n] at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by e.n))::text
            into whole
            from jsonb_array_elements(p_events) with ordinality as e(value, n);
          if octet_length(whole) > p_notice_limit then
            whole := json_build_object('first', ids[1], 'last', ids[array_length(ids, 1)])::text;
          end if;
          perform pg_notify(p_channel, whole);
          return query select u.id, u.at from unnest(ids, ats) as u(id, at);
        end
        $fn$`.execute(db);
    },
  },
};
