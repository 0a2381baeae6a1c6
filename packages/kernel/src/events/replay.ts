// Reading the log's past: a context that starts projecting another's events late (a new context,
// or a new projection in a migration) catches up on the facts it missed, through the kernel.
import type { Db, StoredEvent, Trx } from './types.ts';

export async function pastEvents(db: Db | Trx, types: readonly string[]): Promise<StoredEvent[]> {
  if (types.length === 0) return [];
  const rows = await db.withSchema('platform').selectFrom('event_log').selectAll().where('type', 'in', types).orderBy('id').execute();
  return rows.map((r: any) => ({ id: Number(r.id), context: r.context, type: r.type, channels: r.channels, payload: r.payload, at: r.at }));
}
