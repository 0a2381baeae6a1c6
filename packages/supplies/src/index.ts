// The supplies context: supply requests for matched orders, fortune cookies, the acceptance form.
// Other packages import only this file.
import type { ContextModule, Platform } from '@mcf/kernel';
import { bakeryFromEnv, type Bakery } from './bakery.ts';
import { suppliesMigrations } from './db/migrations.ts';
import { LocalFortuneTeller, type FortuneTeller } from './domain/fortune.ts';
import { orderReaction } from './policies/orders.ts';
import { suppliesRouter } from './router.ts';
import { CHECK_COOKIE_TASK, ORDER_COOKIE_TASK, SUPPLIES_SCHEMA, SuppliesService, type AccountsLookup } from './service.ts';
import type { SupplyRequestView } from './events.ts';

export { SUPPLIES_SCHEMA, suppliesMigrations };
export * from './events.ts';
export type { SuppliesLiveEvent } from './router.ts';
export type { OrderSnapshot } from './orderSnapshot.ts';
export { SimulatedBakery, BakeryRejected, BakeryUnavailable, type Bakery, type CookieOrder, type CookieAccepted, type CookieStatus } from './bakery.ts';
export { LocalFortuneTeller, localFortune, type FortuneTeller, type FortuneRequest } from './domain/fortune.ts';

export interface SuppliesFacade {
  /** The supply request of an order, or null. */
  requestForOrder(orderId: string): Promise<SupplyRequestView | null>;
}

export interface SuppliesContextDeps {
  accounts: AccountsLookup;
  /** Outside services; the local simulator and generator by default. */
  bakery?: Bakery;
  fortunes?: FortuneTeller;
}

export function createSuppliesContext(platform: Platform, deps: SuppliesContextDeps) {
  const bakery = deps.bakery ?? bakeryFromEnv(platform.env, platform.clock);
  const fortunes = deps.fortunes ?? new LocalFortuneTeller();
  const maxBakeryAttempts = Math.max(1, Number(platform.env.MCF_BAKERY_MAX_ATTEMPTS ?? 8) || 8);
  const svc = new SuppliesService(platform, { accounts: deps.accounts, bakery, fortunes, maxBakeryAttempts });
  const facade: SuppliesFacade = {
    requestForOrder: async (orderId) => {
      const r = await svc.byOrder(orderId);
      return r ? svc.view(r) : null;
    },
  };
  const module = {
    name: SUPPLIES_SCHEMA,
    migrations: suppliesMigrations,
    router: suppliesRouter(svc, platform.hub),
    reactions: [orderReaction(svc)],
    tasks: {
      [ORDER_COOKIE_TASK]: (p: unknown) => svc.orderCookieTask(p),
      [CHECK_COOKIE_TASK]: (p: unknown) => svc.checkCookieTask(p),
    },
    facade,
  } satisfies ContextModule;
  // The bakery is exposed beside the module for tests that force its failures.
  return Object.assign(module, { bakery });
}
