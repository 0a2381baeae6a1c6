// The transactional outbox: events are appended to the ordered log inside the caller's transaction,
// the reactions other contexts registered for them are added as jobs in that same transaction, and one
// NOTIFY (delivered by PostgreSQL only on commit) wakes every server process.
import { sql } from 'kysely';
import { addJob } from './jobs.ts';
import type { NewEvent, StoredEvent, Trx } from './types.ts';

export const EVENTS_CHANNEL = 'mcf_events';
export const REACTION_TASK = 'mcf.reaction';
// Serialises appends until commit, so ids become visible in id order: a reader that has seen id N
// can never later find a smaller id committed behind it. Held only for the tail of a transaction.
const EVENT_ORDER_LOCK = 7_261_002;

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
    for (const e of stored) {
      for (const handler of this.byType.get(e.type) ?? []) {
        await addJob(trx, REACTION_TASK, { handler, eventId: e.id }, { jobKey: `${handler}:${e.id}` });
      }
    }
    await sql`select pg_notify(${EVENTS_CHANNEL}, ${String(stored[stored.length - 1].id)})`.execute(trx);
    return stored;
  }
}
