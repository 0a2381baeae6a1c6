// The accounts context (the personal cabinet): accounts, roles, sessions. Other packages import only this file.
import type { Kysely } from 'kysely';
import type { ContextModule, Platform } from '@mcf/kernel';
import { accountsMigrations } from './db/migrations.ts';
import type { AccountsDB } from './db/schema.ts';
import { defaultSignInLimits } from './domain/rateLimit.ts';
import { accountsRouter } from './router.ts';
import { Sessions } from './sessions.ts';

export const ACCOUNTS_SCHEMA = 'accounts';
export { accountsMigrations };
export type { AccountView } from './domain/roles.ts';
export * from './events.ts';

export interface AccountsFacade {
  authenticate: Sessions['authenticate'];
  get: Sessions['get'];
  findByEmail: Sessions['findByEmail'];
  listByRole: Sessions['listByRole'];
  createAccount: Sessions['createAccount'];
  ensureFirstManager: Sessions['ensureFirstManager'];
}

export function createAccountsContext(platform: Platform) {
  const db = platform.db.withSchema(ACCOUNTS_SCHEMA) as unknown as Kysely<AccountsDB>;
  const ttlHours = Number(platform.env.MCF_SESSION_TTL_HOURS ?? 24 * 14);
  const sessions = new Sessions(db, platform.clock, defaultSignInLimits(platform.env), ttlHours * 3600_000, platform.events);
  const facade: AccountsFacade = {
    authenticate: (t) => sessions.authenticate(t),
    get: (id) => sessions.get(id),
    findByEmail: (e) => sessions.findByEmail(e),
    listByRole: (r) => sessions.listByRole(r),
    createAccount: (i) => sessions.createAccount(i),
    ensureFirstManager: (e, p) => sessions.ensureFirstManager(e, p),
  };
  return {
    name: ACCOUNTS_SCHEMA,
    migrations: accountsMigrations,
    router: accountsRouter(sessions, platform.hub),
    facade,
  } satisfies ContextModule;
}
