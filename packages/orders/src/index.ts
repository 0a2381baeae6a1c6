// The orders context (order processing: orders, matching, pricing). Other packages import only this file.
import type { Kysely } from 'kysely';
import { addJob, type ContextModule, type Platform } from '@mcf/kernel';
import { ordersMigrations } from './db/migrations.ts';
import type { OrdersDB } from './db/schema.ts';
import { flatPricingV1, type PaidTotalPort, type PricingPolicy } from './domain/pricing.ts';
import { scheduleRules } from './domain/schedule.ts';
import { ordersRouter } from './router/index.ts';
import type { OrdersDeps } from './service/context.ts';
import { NO_SHOW_TASK } from './service/matcher.ts';
import { history, photo } from './service/reads.ts';
import { noShowCheck } from './service/work.ts';
import { findOrder, toSnapshot } from './db/store.ts';
import { rosterReaction } from './policies/roster.ts';
import { traitsReaction } from './policies/traits.ts';
import { findingsReaction } from './policies/findings.ts';
import { suppliedReaction } from './policies/supplied.ts';
import type { OrderSnapshot } from './events.ts';

export const ORDERS_SCHEMA = 'orders';
export { ordersMigrations };
export * from './events.ts';
export type { PaidTotalPort, PricingPolicy, PriceQuote } from './domain/pricing.ts';
export { loyaltyDiscountPercent } from './domain/pricing.ts';
export type { PipelineConfig, StepConfig, PairingExplanation } from './matching/index.ts';
export type { OrderView } from './db/store.ts';

export type OrderHistory = NonNullable<Awaited<ReturnType<typeof history>>>;

export interface OrdersFacade {
  getOrder(orderId: string): Promise<OrderSnapshot | null>;
  /** Timeline of transitions, photos' metadata and the matches made. */
  history(orderId: string): Promise<OrderHistory | null>;
  photo(orderId: string, kind: 'check_in' | 'report'): Promise<{ mimeType: string; data: Buffer; sizeBytes: number; at: Date } | null>;
}

export interface OrdersContextDeps extends PaidTotalPort {
  /** Replace the pricing policy wholesale (default: v1, flat 100 CU minus the loyalty discount). */
  pricing?: PricingPolicy;
}

export function createOrdersContext(platform: Platform, deps: OrdersContextDeps) {
  const db = platform.db.withSchema(ORDERS_SCHEMA) as unknown as Kysely<OrdersDB>;
  const d: OrdersDeps = {
    db,
    platform,
    pricing: deps.pricing ?? flatPricingV1({ paidTotalCents: (id) => deps.paidTotalCents(id) }),
    rules: scheduleRules(platform.env),
  };
  const facade: OrdersFacade = {
    async getOrder(orderId) {
      const o = await findOrder(db, orderId);
      return o ? toSnapshot(o, o.updated_at) : null;
    },
    history: (orderId) => history(db, orderId),
    photo: (orderId, kind) => photo(db, orderId, kind),
  };
  return {
    name: ORDERS_SCHEMA,
    migrations: ordersMigrations,
    router: ordersRouter(d),
    reactions: [rosterReaction(d), traitsReaction(), findingsReaction(), suppliedReaction(d)],
    tasks: {
      [NO_SHOW_TASK]: async (payload: unknown) => {
        const { orderId } = payload as { orderId: string };
        const r = await noShowCheck(d, orderId);
        if (r.notBefore) {
          // Ran early (the job queue's clock and ours differ): try again at the deadline, and never
          // sooner than a second from now so a lagging clock cannot make it spin.
          const runAt = new Date(Math.max(r.notBefore.getTime(), Date.now() + 1000));
          await addJob(platform.db, NO_SHOW_TASK, { orderId }, { runAt, jobKey: `${NO_SHOW_TASK}:${orderId}` });
        }
      },
    },
    facade,
  } satisfies ContextModule;
}
