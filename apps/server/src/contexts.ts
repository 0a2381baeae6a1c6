// The contexts this server composes, in dependency order. Adding a context: create it here, add its
// migrations to `contextMigrations`, and its router to `buildAppRouter`.
import { platformMigrations, type ContextMigrations } from '@mcf/db';
import type { Platform } from '@mcf/kernel';
import { ACCOUNTS_SCHEMA, accountsMigrations, createAccountsContext } from '@mcf/accounts';
import { ORDERS_SCHEMA, ordersMigrations, createOrdersContext } from '@mcf/orders';

export const contextMigrations: ContextMigrations[] = [
  { schema: 'platform', migrations: platformMigrations },
  { schema: ACCOUNTS_SCHEMA, migrations: accountsMigrations },
  { schema: ORDERS_SCHEMA, migrations: ordersMigrations },
];

export function buildContexts(platform: Platform) {
  const accounts = createAccountsContext(platform);
  const orders = createOrdersContext(platform, {
    paidTotalCents: async (_id: string) => 0, // wired to billing when it lands (accounts.facade.paidTotalCents)
    workers: () => accounts.facade.listByRole('worker'),
  });
  return { accounts, orders };
}

export type Contexts = ReturnType<typeof buildContexts>;
