// Runs registered reactions, exactly once in effect: each reaction's "handled" mark and its own writes
// commit together in one transaction, so a redelivered or retried job finds the mark and stops.
import type { Reaction } from './publisher.ts';
import { storedEventOf, type Db, type StoredEvent } from './types.ts';


/** One reaction to one event, in its own transaction; false when it had already been carried out. */
async function runOnce(db: Db, reaction: Reaction, event: StoredEvent): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const marked = await trx
      .withSchema('platform')
      .insertInto('handled_event')
      .values({ handler: reaction.name, event_id: event.id })
      .onConflict((oc) => oc.doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!marked) return false;
    await reaction.run(trx, event);
    return true;
  });
}

export async function runReaction(db: Db, reactions: ReadonlyMap<string, Reaction>, handler: string, eventId: number) {
  const reaction = reactions.get(handler);
  if (!reaction) throw new Error(`no reaction named ${handler}`);
  const row = await db.withSchema('platform').selectFrom('event_log').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
  await runOnce(db, reaction, storedEventOf(row));
}

/**
 * Every reaction to one transaction's events (one job, instead of one per reaction per event: the job
 * queue's own bookkeeping was most of a reaction's cost). Events in id order; a reaction that fails on
 * one event is not given that transaction's later events (it sees them in order on the retry), while
 * the other reactions carry on. Any failure fails the job, so it is retried; done work is skipped.
 */
export async function runReactions(db: Db, reactionsFor: (type: string) => readonly Reaction[], eventIds: readonly number[]) {
  const rows = await db.withSchema('platform').selectFrom('event_log').selectAll().where('id', 'in', eventIds).orderBy('id').execute();
  const failed = new Map<string, unknown>();
  for (const event of rows.map(storedEventOf)) {
    for (const reaction of reactionsFor(event.type)) {
      if (failed.has(reaction.name)) continue;
      try {
        await runOnce(db, reaction, event);
      } catch (e) {
        failed.set(reaction.name, e);
      }
    }
  }
  if (failed.size === 1) throw [...failed.values()][0];
  if (failed.size > 1) throw new AggregateError([...failed.values()], `reactions failed: ${[...failed.keys()].join(', ')}`);
}
