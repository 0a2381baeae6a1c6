// The contexts this server composes, in dependency order. Adding a context: create it here, add its
// migrations to `contextMigrations`, and its router to `buildAppRouter` (one line each).
import { platformMigrations, type ContextMigrations } from '@mcf/db';
import type { Platform } from '@mcf/kernel';
import { ACCOUNTS_SCHEMA, accountsMigrations, createAccountsContext } from '@mcf/accounts';
import { ORDERS_SCHEMA, ordersMigrations, createOrdersContext } from '@mcf/orders';
import { HIRING_SCHEMA, hiringMigrations, createHiringContext } from '@mcf/hiring';
import { SUPPLIES_SCHEMA, suppliesMigrations, createSuppliesContext } from '@mcf/supplies';
import { QUALITY_SCHEMA, qualityMigrations, createQualityContext } from '@mcf/quality';
import { BETTING_SCHEMA, bettingMigrations, createBettingContext } from '@mcf/betting';

export const contextMigrations: ContextMigrations[] = [
  { schema: 'platform', migrations: platformMigrations },
  { schema: ACCOUNTS_SCHEMA, migrations: accountsMigrations },
  { schema: ORDERS_SCHEMA, migrations: ordersMigrations },
  { schema: HIRING_SCHEMA, migrations: hiringMigrations },
  { schema: SUPPLIES_SCHEMA, migrations: suppliesMigrations },
  { schema: QUALITY_SCHEMA, migrations: qualityMigrations },
  { schema: BETTING_SCHEMA, migrations: bettingMigrations },
];

export function buildContexts(platform: Platform) {
  const accounts = createAccountsContext(platform);
  const orders = createOrdersContext(platform, { paidTotalCents: (id: string) => accounts.facade.paidTotalCents(id) });
  const hiring = createHiringContext(platform, { accounts: accounts.facade });
  const supplies = createSuppliesContext(platform, { accounts: accounts.facade });
  const quality = createQualityContext(platform, { accounts: accounts.facade, orders: orders.facade });
  const betting = createBettingContext(platform, { accounts: accounts.facade, orders: orders.facade });
  return { accounts, orders, hiring, supplies, quality, betting };
}

export type Contexts = ReturnType<typeof buildContexts>;
