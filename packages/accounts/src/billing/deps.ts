// What the billing services share: the accounts schema, the clock, the time zone, the providers.
import type { Kysely } from 'kysely';
import type { Clock, EventPublisher, Logger } from '@mcf/kernel';
import type { AccountsDB } from '../db/schema.ts';
import type { RetryPolicy } from '../domain/settlement.ts';
import { isTimeZone } from '../domain/periods.ts';
import { SimulatedProvider, simConfigFromEnv, type MoneyProvider } from './providers.ts';

// graphile-worker task names (crontab allows letters, digits, ':', '/', '_', '-').
export const SETTLE_TASK = 'accounts:billing:settle';
export const TICK_TASK = 'accounts:billing:tick';

export interface BillingDeps {
  db: Kysely<AccountsDB>;
  clock: Clock;
  log: Logger;
  events: EventPublisher;
  /** The server's time zone: periods end at local midnight. */
  tz: string;
  goldHat: MoneyProvider;
  payments: MoneyProvider;
  retry: RetryPolicy;
  /** The deadline of one provider call. */
  timeoutMs: number;
  /** How long an attempt owns an invoice; after that another process may take it over. */
  leaseMs: number;
  /** Close periods on schedule (the crontab tick); payment retries run either way. */
  scheduleOn: boolean;
}

const num = (v: string | undefined, d: number) => {
  const n = v === undefined || v === '' ? d : Number(v);
  return Number.isFinite(n) && n > 0 ? n : d;
};

export function billingDepsFromEnv(args: { db: Kysely<AccountsDB>; clock: Clock; log: Logger; events: EventPublisher; env: Record<string, string | undefined> }): BillingDeps {
  const { env } = args;
  const tzWanted = env.MCF_TIME_ZONE || env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const tz = isTimeZone(tzWanted) ? tzWanted : 'UTC';
  if (tz !== tzWanted) args.log.warn({ tz: tzWanted }, 'unknown time zone; billing periods use UTC');
  const timeoutMs = num(env.MCF_PROVIDER_TIMEOUT_MS, 10_000);
  return {
    db: args.db,
    clock: args.clock,
    events: args.events,
    log: args.log.child({ component: 'billing' }),
    tz,
    goldHat: new SimulatedProvider('goldhat', args.db, simConfigFromEnv(env, 'GOLDHAT')),
    payments: new SimulatedProvider('payments', args.db, simConfigFromEnv(env, 'PAYMENTS')),
    retry: {
      maxAttempts: num(env.MCF_PAYMENT_MAX_ATTEMPTS, 8),
      baseDelayMs: num(env.MCF_PAYMENT_RETRY_BASE_MS, 30_000),
      maxDelayMs: num(env.MCF_PAYMENT_RETRY_MAX_MS, 3_600_000),
    },
    timeoutMs,
    leaseMs: num(env.MCF_PAYMENT_LEASE_SECONDS, Math.ceil(timeoutMs / 1000) + 30) * 1000,
    scheduleOn: env.MCF_BILLING_SCHEDULE !== 'off',
  };
}
