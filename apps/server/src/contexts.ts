// The contexts this server composes, in dependency order. Adding a context: create it here, add its
// migrations to `contextMigrations`, and its router to `buildAppRouter`.
import { platformMigrations, type ContextMigrations } from '@mcf/db';
import type { Platform } from '@mcf/kernel';
import { ACCOUNTS_SCHEMA, accountsMigrations, createAccountsContext } from '@mcf/accounts';
import { SUPPLIES_SCHEMA, suppliesMigrations, createSuppliesContext } from '@mcf/supplies';

export const contextMigrations: ContextMigrations[] = [
  { schema: 'platform', migrations: platformMigrations },
  { schema: ACCOUNTS_SCHEMA, migrations: accountsMigrations },
  { schema: SUPPLIES_SCHEMA, migrations: suppliesMigrations },
];

export function buildContexts(platform: Platform) {
  const accounts = createAccountsContext(platform);
  const supplies = createSuppliesContext(platform, { accounts: accounts.facade });
  return { accounts, supplies };
}

export type Contexts = ReturnType<typeof buildContexts>;
