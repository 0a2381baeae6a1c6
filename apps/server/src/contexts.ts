// The contexts this server composes, in dependency order. Adding a context: create it here, add its
// migrations to `contextMigrations`, and its router to `buildAppRouter`.
import { platformMigrations, type ContextMigrations } from '@mcf/db';
import type { Platform } from '@mcf/kernel';
import { ACCOUNTS_SCHEMA, accountsMigrations, createAccountsContext } from '@mcf/accounts';
import { ORDERS_SCHEMA, ordersMigrations, createOrdersContext } from '@mcf/orders';
import { BETTING_SCHEMA, bettingMigrations, createBettingContext } from '@mcf/betting';
import { HIRING_SCHEMA, hiringMigrations, createHiringContext } from '@mcf/hiring';

export const contextMigrations: ContextMigrations[] = [
  { schema: 'platform', migrations: platformMigrations },
  { schema: ACCOUNTS_SCHEMA, migrations: accountsMigrations },
  { schema: ORDERS_SCHEMA, migrations: ordersMigrations },
  { schema: BETTING_SCHEMA, migrations: bettingMigrations },
  { schema: HIRING_SCHEMA, migrations: hiringMigrations },
];

export function buildContexts(platform: Platform) {
  const accounts = createAccountsContext(platform);
  const orders = createOrdersContext(platform, { paidTotalCents: (id: string) => accounts.facade.paidTotalCents(id) });
  const betting = createBettingContext(platform, { accounts: accounts.facade });
  const hiring = createHiringContext(platform, { accounts: accounts.facade });
  return { accounts, orders, betting, hiring };
}

export type Contexts = ReturnType<typeof buildContexts>;
