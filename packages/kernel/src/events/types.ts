// Events: what a context tells the others (and live subscribers) after its state changed.
import type { Kysely, Transaction } from 'kysely';

/** An event as a context publishes it. `channels` say who may watch it live (e.g. `order:<id>`). */
export interface NewEvent<T extends string = string, P = unknown> {
  type: T;
  channels: string[];
  payload: P;
}

/** An event as it lies in the ordered log: `id` is its position, used by `tracked()` and `lastEventId`. */
export interface StoredEvent<T extends string = string, P = unknown> extends NewEvent<T, P> {
  id: number;
  context: string;
  at: Date;
}

export type Db = Kysely<any>;
export type Trx = Transaction<any>;

/** An `platform.event_log` row as an event (bigint ids arrive as strings). */
export function storedEventOf(row: any): StoredEvent {
  return { id: Number(row.id), context: row.context, type: row.type, channels: row.channels, payload: row.payload, at: row.at };
}
