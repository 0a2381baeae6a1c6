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
    // The loyalty discount reads what the client has paid (sum of its paid weekly invoices).
    paidTotalCents: (id: string) => accounts.facade.paidTotalCents(id),
  });
  return { accounts, orders };
}

export type Contexts = ReturnType<typeof buildContexts>;
