// graphile-worker in this process: every context's tasks, the reaction runner and durable schedules.
// Several processes may run it against one database; each job still runs once.
import { Logger as WorkerLogger, parseCrontab, run, type Runner, type TaskList } from 'graphile-worker';
import type pg from 'pg';
import { REACTION_TASK, REACTIONS_TASK, runReaction, runReactions, type Db, type Logger, type Reaction } from '@mcf/kernel';
import type { ContextModule } from '@mcf/kernel';

export async function startJobs(opts: {
  pool: pg.Pool;
  db: Db;
  log: Logger;
  modules: ContextModule[];
  concurrency: number;
}): Promise<Runner> {
  const reactions = new Map<string, Reaction>();
  const byType = new Map<string, Reaction[]>();
  for (const m of opts.modules)
    for (const r of m.reactions ?? []) {
      reactions.set(r.name, r);
      for (const t of r.on) byType.set(t, [...(byType.get(t) ?? []), r]);
    }
  const taskList: TaskList = {
    [REACTION_TASK]: async (payload) => {
      const { handler, eventId } = payload as { handler: string; eventId: number };
      await runReaction(opts.db, reactions, handler, eventId);
    },
    [REACTIONS_TASK]: async (payload) => {
      const { eventIds } = payload as { eventIds: number[] };
      await runReactions(opts.db, (type) => byType.get(type) ?? [], eventIds);
    },
  };
  for (const m of opts.modules) for (const [name, task] of Object.entries(m.tasks ?? {})) taskList[name] = (p) => task(p);
  const crontab = opts.modules.flatMap((m) => m.crontab ?? []).join('\n');
  const log = opts.log.child({ component: 'jobs' });
  const logger = new WorkerLogger((scope) => (level, message, meta) => {
    const entry = { ...scope, ...meta };
    if (level === 'error') log.error(entry, message);
    else if (level === 'warning') log.warn(entry, message);
    else log.debug(entry, message);
  });
  return run({
    pgPool: opts.pool,
    taskList,
    parsedCronItems: parseCrontab(crontab),
    concurrency: opts.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger,
  });
}
