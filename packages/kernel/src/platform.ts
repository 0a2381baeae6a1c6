// What the composition root hands every context, and what every context hands back.
import type { AnyRouter } from '@trpc/server';
import type { Migration } from 'kysely';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { EventHub } from './events/hub.ts';
import type { EventPublisher, Reaction } from './events/publisher.ts';
import type { Db } from './events/types.ts';

export interface Platform {
  /** The shared Kysely; a context narrows it with `db.withSchema(<its schema>)` and never names another schema. */
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventPublisher;
  hub: EventHub;
  env: Record<string, string | undefined>;
}

/** A graphile-worker task: runs at least once, so it must be idempotent. */
export type Task = (payload: unknown) => Promise<void>;

export interface ContextModule<R extends AnyRouter = AnyRouter, F = unknown> {
  /** The context's name, also its PostgreSQL schema. */
  name: string;
  migrations: Record<string, Migration>;
  router: R;
  reactions?: Reaction[];
  tasks?: Record<string, Task>;
  /** graphile-worker crontab lines for durable schedules. */
  crontab?: string[];
  /** Called once the job runner is up in this process (e.g. to resume work a killed process left). */
  start?: () => Promise<void>;
  /** What other contexts may ask synchronously. */
  facade: F;
}
