// What every part of the orders service needs: its database, the platform, the policies.
import type { Platform } from '@mcf/kernel';
import type { PricingPolicy } from '../domain/pricing.ts';
import type { ScheduleRules } from '../domain/schedule.ts';
import { ORDERS, type OrderEvent } from '../events.ts';
import type { OrdersDb, OrdersTrx } from '../db/store.ts';

export interface OrdersDeps {
  db: OrdersDb;
  platform: Platform;
  pricing: PricingPolicy;
  rules: ScheduleRules;
}

/** Publishes as the last step of the transaction (the kernel's rule). */
export function publish(deps: OrdersDeps, trx: OrdersTrx, events: (OrderEvent | null)[]) {
  return deps.platform.events.publish(trx as never, ORDERS, events.filter((e): e is OrderEvent => e !== null));
}
