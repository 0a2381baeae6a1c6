// Runs a registered reaction for one event, exactly once in effect: the "handled" mark and the
// reaction's own writes commit together, so a redelivered or retried job finds the mark and stops.
import type { Reaction } from './publisher.ts';
import type { Db, StoredEvent } from './types.ts';

export async function runReaction(db: Db, reactions: ReadonlyMap<string, Reaction>, handler: string, eventId: number) {
  const reaction = reactions.get(handler);
  if (!reaction) throw new Error(`no reaction named ${handler}`);
  await db.transaction().execute(async (trx) => {
    const marked = await trx
      .withSchema('platform')
      .insertInto('handled_event')
      .values({ handler, event_id: eventId })
      .onConflict((oc) => oc.doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!marked) return;
    const row = await trx.withSchema('platform').selectFrom('event_log').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    const event: StoredEvent = { id: Number(row.id), context: row.context, type: row.type, channels: row.channels, payload: row.payload, at: row.at };
    await reaction.run(trx, event);
  });
}
