// The hiring context (candidate selection). Other packages import only this file.
import type { Kysely } from 'kysely';
import type { ContextModule, Platform } from '@mcf/kernel';
import { Admission, admissionConfig } from './admission.ts';
import { hiringMigrations } from './db/migrations.ts';
import type { HiringDB } from './db/schema.ts';
import { INSTALLED_KINDS, kindRegistry, type TestKind } from './kinds/index.ts';
import { hiringRouter } from './router.ts';
import { seedHiringDemo } from './demo.ts';
import { CANDIDATE_TOKEN_PREFIX, HiringService, type AccountsPort } from './service.ts';

export const HIRING_SCHEMA = 'hiring';
export { hiringMigrations, CANDIDATE_TOKEN_PREFIX };
export * from './events.ts';
export type { AccountsPort } from './service.ts';
export type { Refusal, AdmissionStats } from './admission.ts';
export type { TestKind } from './kinds/index.ts';
export { solveChallenge } from './domain/pow.ts';

export interface HiringDeps {
  accounts: AccountsPort;
  /** The installed kinds of test (all of src/kinds by default; tests may add their own). */
  kinds?: readonly TestKind[];
}

export function createHiringContext(platform: Platform, deps: HiringDeps) {
  const env = platform.env;
  const db = platform.db.withSchema(HIRING_SCHEMA) as unknown as Kysely<HiringDB>;
  const svc = new HiringService(db, platform, kindRegistry(deps.kinds ?? INSTALLED_KINDS), deps.accounts, {
    powBits: Number(env.MCF_HIRING_POW_BITS ?? 16),
    challengeTtlMs: Number(env.MCF_HIRING_CHALLENGE_TTL_SECONDS ?? 600) * 1000,
    candidateTtlMs: Number(env.MCF_CANDIDATE_TTL_DAYS ?? 14) * 86_400_000,
    secret: env.MCF_HIRING_SECRET ?? null,
  });
  const admission = new Admission(admissionConfig(env));
  const facade = {
    /** Resolves `mcfc_` candidate tokens; null for anything else. */
    authenticate: (token: string) => svc.authenticate(token),
    workerProfile: (workerId: string) => svc.workerProfile(workerId),
    /** Demo data (`pnpm start --demo`): applicants with finished tests, on an empty pipeline only. */
    seedDemo: (managerId: string, count: number, onStep?: () => void) => seedHiringDemo(svc, managerId, count, onStep),
    /** For the HTTP server: refuse floods before reading the body. */
    gate: (req: { paths: readonly string[]; ip: string; contentLength: number | null }) => admission.gate(req),
  };
  return {
    name: HIRING_SCHEMA,
    migrations: hiringMigrations,
    router: hiringRouter(svc, admission, platform.hub),
    tasks: { 'hiring:cleanup': () => svc.cleanup() },
    crontab: ['*/15 * * * * hiring:cleanup'],
    facade,
  } satisfies ContextModule;
}
