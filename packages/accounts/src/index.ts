// The accounts context (the personal cabinet): accounts, roles, sessions, tester import, billing. Other packages import only this file.
import type { Kysely } from 'kysely';
import type { ContextModule, Platform } from '@mcf/kernel';
import { accountsMigrations } from './db/migrations.ts';
import type { AccountsDB } from './db/schema.ts';
import { defaultSignInLimits } from './domain/rateLimit.ts';
import { accountsRouter } from './router/index.ts';
import { Sessions } from './sessions.ts';
import { Testers, type ImportedTester } from './testers.ts';
import type { TesterRow } from './domain/roster.ts';
import { Billing, billingDepsFromEnv, SETTLE_TASK, TICK_TASK } from './billing/index.ts';
import { bookOrderOutcome } from './policies/orderOutcomes.ts';

export const ACCOUNTS_SCHEMA = 'accounts';
export { accountsMigrations };
export type { AccountView } from './domain/roles.ts';
export * from './events.ts';
export { parseRoster, testersSchema, type TesterRow } from './domain/roster.ts';
export type { ImportedTester } from './testers.ts';

export interface AccountsFacade {
  authenticate: Sessions['authenticate'];
  get: Sessions['get'];
  findByEmail: Sessions['findByEmail'];
  listByRole: Sessions['listByRole'];
  createAccount: Sessions['createAccount'];
  ensureFirstManager: Sessions['ensureFirstManager'];
  /** The roster import (the admin app and `pnpm seed-testers` share this path). */
  importTesters(testers: readonly TesterRow[], byAccountId?: string | null): Promise<{ clients: ImportedTester[] }>;
  /** Sum of the client's paid invoices, in cents (the orders context's loyalty discount reads it). */
  paidTotalCents(clientId: string): Promise<number>;
  /** Who to contact about an account (quality reviews); null when unknown. */
  contact(accountId: string): Promise<{ name: string; email: string } | null>;
}

export function createAccountsContext(platform: Platform) {
  const db = platform.db.withSchema(ACCOUNTS_SCHEMA) as unknown as Kysely<AccountsDB>;
  const ttlHours = Number(platform.env.MCF_SESSION_TTL_HOURS ?? 24 * 14);
  const sessions = new Sessions(db, platform.clock, defaultSignInLimits(platform.env), ttlHours * 3600_000, platform.events);
  const linkTtlHours = Number(platform.env.MCF_LOGIN_LINK_TTL_HOURS ?? 24 * 7);
  const testers = new Testers(db, platform.clock, platform.events, sessions, linkTtlHours * 3600_000);
  const billing = new Billing(billingDepsFromEnv({ db, clock: platform.clock, log: platform.log, events: platform.events, env: platform.env }));
  const facade: AccountsFacade = {
    authenticate: (t) => sessions.authenticate(t),
    get: (id) => sessions.get(id),
    findByEmail: (e) => sessions.findByEmail(e),
    listByRole: (r) => sessions.listByRole(r),
    createAccount: (i) => sessions.createAccount(i),
    ensureFirstManager: (e, p) => sessions.ensureFirstManager(e, p),
    importTesters: (rows, by) => testers.importTesters(rows, by ?? null),
    paidTotalCents: (clientId) => billing.paidTotalCents(clientId),
    contact: async (accountId) => {
      const a = await sessions.get(accountId);
      return a ? { name: a.name, email: a.email } : null;
    },
  };
  const module = {
    name: ACCOUNTS_SCHEMA,
    migrations: accountsMigrations,
    router: accountsRouter({ sessions, testers, billing, hub: platform.hub }),
    reactions: [bookOrderOutcome(platform.log.child({ component: 'billing' }), platform.events)],
    tasks: {
      [SETTLE_TASK]: async (payload) => billing.settle((payload as { invoiceId: string }).invoiceId),
      // `{ closePeriods: true }` closes even where MCF_BILLING_SCHEDULE=off (tests drive the tick themselves).
      [TICK_TASK]: async (payload: unknown) => billing.tick({ closePeriods: (payload as { closePeriods?: boolean } | null)?.closePeriods === true }),
    },
    // graphile-worker cron runs in UTC; the tick works out in the server's time zone whether a week or
    // month has ended, so invoices follow local midnight whatever the zone (docs/billing.md).
    crontab: [`* * * * * ${TICK_TASK} ?max=1`],
    /** Once jobs run in this process: resume settlements a killed process left half-way. */
    start: async () => {
      await billing.resume();
    },
    facade,
  } satisfies ContextModule;
  /** `billing` is for the composition root only (demo data, operations scripts); other contexts use the facade. */
  return { ...module, billing };
}
