// The transactional outbox: events are appended to the ordered log inside the caller's transaction,
// the reactions other contexts registered for them are added as one job in that same transaction, and one
// NOTIFY (delivered by PostgreSQL only on commit) wakes every server process.
import { sql, type RawBuilder } from 'kysely';
import type { Db, NewEvent, StoredEvent, Trx } from './types.ts';

export const EVENTS_CHANNEL = 'mcf_events';
/** One job per publishing transaction: every reaction to its events, event by event (`runReactions`). */
export const REACTIONS_TASK = 'mcf.reactions';
/** One reaction to one event: jobs added by earlier versions, and replays added by hand. */
export const REACTION_TASK = 'mcf.reaction';
// Serialises appends until commit, so ids become visible in id order: a reader that has seen id N
// can never later find a smaller id committed behind it. Held only for the tail of a transaction.
const EVENT_ORDER_LOCK = 7_261_002;

// NOTIFY payloads must stay under 8000 bytes; above this the notice names only the ids.
const NOTICE_LIMIT = 7800;

// The commit signal (built by platform.append_events): small enough transactions carry their events
// whole, `{"e":[{i,c,t,ch,p,a}]}`, so every server process can hand them to its subscribers without
// reading the log back (one database round trip less per commit per process); larger ones carry only
// the id range, `{"first","last"}`, and are read from the log.

/** The events a notice carries whole, or null (ids only, an older server's plain id, or unreadable). */
export function eventsOfNotice(text: string | undefined): StoredEvent[] | null {
  if (!text || text[0] !== '{') return null;
  try {
    const m = JSON.parse(text) as { e?: { i: number; c: string; t: string; ch: string[]; p: unknown; a: string }[] };
    if (!Array.isArray(m.e) || m.e.length === 0) return null;
    return m.e.map((x) => ({ id: Number(x.i), context: x.c, type: x.t, channels: x.ch, payload: x.p, at: new Date(x.a) }));
  } catch {
    return null;
  }
}

export interface Reaction {
  /** Unique name, `<context>.<what>`, e.g. `betting.settle`. */
  name: string;
  /** Event types it reacts to. */
  on: readonly string[];
  /** Runs once per event, inside a transaction; `trx` commits together with the "done" mark. */
  run(trx: Trx, event: StoredEvent): Promise<void>;
}

export class EventPublisher {
  private readonly byType = new Map<string, string[]>();

  /** Reactions are registered by the composition root once every context exists. */
  register(reactions: readonly Pick<Reaction, 'name' | 'on'>[]) {
    for (const r of reactions) for (const t of r.on) this.byType.set(t, [...(this.byType.get(t) ?? []), r.name]);
  }

  /**
   * Publish as the last step of a transaction (it takes the ordering lock until commit). One round
   * trip (`platform.append_events`): lock, append, one reactions job for the whole transaction's
   * events, and the NOTIFY that carries them.
   */
  async publish(trx: Trx, context: string, events: NewEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    const react = events.flatMap((e, i) => (this.byType.has(e.type) ? [i + 1] : []));
    const body = JSON.stringify(events.map((e) => ({ type: e.type, channels: e.channels, payload: e.payload })));
    const { rows } = await sql<{ id: string; at: Date }>`select id, at from platform.append_events(${context}, ${body}::jsonb, ${react}::int[], ${REACTIONS_TASK}, ${EVENT_ORDER_LOCK}, ${EVENTS_CHANNEL}, ${NOTICE_LIMIT})`.execute(trx);
    return events.map((e, i) => ({ ...e, id: Number(rows[i].id), at: rows[i].at, context }));
  }

  /**
   * A whole change as one statement run on its own (autocommit): `change.with` is the context's
   * common table expressions (`a as (...), b as (...)`, data-modifying ones included) and
   * `change.select` reads their results as rows, each with an `event` column (a NewEvent as JSON, or
   * null); those events are appended by the same statement. A row everybody updates (an order's
   * betting pool) is then locked only inside PostgreSQL, never across round trips to a busy process.
   */
  async publishInStatement<R extends object>(db: Db, context: string, change: { with: RawBuilder<unknown>; select: RawBuilder<R & { event: NewEvent | null }> }): Promise<{ rows: R[]; events: StoredEvent[] }> {
    const reacting = [...this.byType.keys()];
    const { rows } = await sql<{ rows: (R & { event: unknown })[]; events: { id: number; at: string }[] | null; sent: NewEvent[] | null }>`
      with ${change.with},
      r as materialized (${change.select}),
      ev as (select coalesce(jsonb_agg(r.event), '[]'::jsonb) as events from r where r.event is not null),
      pub as (
        select a.id, a.at from ev, platform.append_events(
          ${context}, ev.events,
          array(select e.n::int from jsonb_array_elements(ev.events) with ordinality as e(v, n) where e.v->>'type' = any(${reacting}::text[])),
          ${REACTIONS_TASK}, ${EVENT_ORDER_LOCK}, ${EVENTS_CHANNEL}, ${NOTICE_LIMIT}) as a
      )
      select (select coalesce(json_agg(r), '[]'::json) from r) as rows,
             (select json_agg(pub order by pub.id) from pub) as events,
             (select ev.events from ev) as sent`.execute(db);
    const out = rows[0];
    const sent = out.sent ?? [];
    const events = (out.events ?? []).map((x, i) => ({ ...sent[i], id: Number(x.id), at: new Date(x.at), context }));
    return { rows: out.rows.map(({ event: _event, ...rest }) => rest as unknown as R), events };
  }
}
