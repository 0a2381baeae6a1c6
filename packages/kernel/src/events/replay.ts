// Reading the log's past: a context that starts projecting another's events late (a new context,
// or a new projection in a migration) catches up on the facts it missed, through the kernel.
import { storedEventOf, type Db, type StoredEvent, type Trx } from './types.ts';

export async function pastEvents(db: Db | Trx, types: readonly string[]): Promise<StoredEvent[]> {
  if (types.length === 0) return [];
  const rows = await db.withSchema('platform').selectFrom('event_log').selectAll().where('type', 'in', types).orderBy('id').execute();
  return rows.map(storedEventOf);
}
