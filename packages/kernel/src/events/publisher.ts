// The transactional outbox: events are appended to the ordered log inside the caller's transaction,
// the reactions other contexts registered for them are added as jobs in that same transaction, and one
// NOTIFY (delivered by PostgreSQL only on commit) wakes every server process.
import { sql } from 'kysely';
import { addJobs } from './jobs.ts';
import type { NewEvent, StoredEvent, Trx } from './types.ts';

export const EVENTS_CHANNEL = 'mcf_events';
export const REACTION_TASK = 'mcf.reaction';
// Serialises appends until commit, so ids become visible in id order: a reader that has seen id N
// can never later find a smaller id committed behind it. Held only for the tail of a transaction.
const EVENT_ORDER_LOCK = 7_261_002;

// NOTIFY payloads must stay under 8000 bytes; above this the notice names only the ids.
const NOTICE_LIMIT = 7800;

/**
 * The commit signal. Small enough transactions carry their events whole, so every server process can
 * hand them to its subscribers without reading the log back (one database round trip less per commit
 * per process); larger ones carry only the id range and are read from the log.
 */
export function notice(events: StoredEvent[]): string {
  const whole = JSON.stringify({ e: events.map((e) => ({ i: e.id, c: e.context, t: e.type, ch: e.channels, p: e.payload, a: e.at })) });
  if (Buffer.byteLength(whole) <= NOTICE_LIMIT) return whole;
  return JSON.stringify({ first: events[0].id, last: events[events.length - 1].id });
}

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

  /** Publish as the last step of a transaction (it takes the ordering lock until commit). */
  async publish(trx: Trx, context: string, events: NewEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    await sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`.execute(trx);
    const rows = await trx
      .withSchema('platform')
      .insertInto('event_log')
      .values(events.map((e) => ({ context, type: e.type, channels: e.channels, payload: JSON.stringify(e.payload) })))
      .returning(['id', 'at'])
      .execute();
    const stored = events.map((e, i) => ({ ...e, id: Number(rows[i].id), at: rows[i].at as Date, context }));
    // One round trip for every reaction: this runs while the ordering lock is held.
    await addJobs(
      trx,
      stored.flatMap((e) => (this.byType.get(e.type) ?? []).map((handler) => ({ task: REACTION_TASK, payload: { handler, eventId: e.id }, jobKey: `${handler}:${e.id}` }))),
    );
    await sql`select pg_notify(${EVENTS_CHANNEL}, ${notice(stored)})`.execute(trx);
    return stored;
  }
}
