// The quality context: the review queue, random draws, the review form, hypotheses and statistics.
// Other packages import only this file.
import type { ContextModule, Platform } from '@mcf/kernel';
import { qualityMigrations } from './db/migrations.ts';
import { qualityReactions } from './policies/projections.ts';
import { qualityRouter } from './router.ts';
import { QualityService, type QualityDeps } from './service.ts';
import { seededRng } from './domain/random.ts';
import { QUALITY } from './events.ts';

export const QUALITY_SCHEMA = QUALITY;
export { qualityMigrations };
export * from './events.ts';
export type { QualityDeps } from './service.ts';
export type { Verdict, ReviewReason } from './domain/review.ts';
export { seededRng, drawIndex, type Rng } from './domain/random.ts';

export interface QualityFacade {
  /** A worker's ended orders and review verdicts (matching may read it as past results). */
  workerRecord: QualityService['workerRecord'];
}

export function createQualityContext(platform: Platform, deps: QualityDeps) {
  // MCF_QUALITY_DRAW_SEED makes the random draw reproducible (tests, demos).
  const seed = platform.env.MCF_QUALITY_DRAW_SEED;
  const random = deps.random ?? (seed ? seededRng(Number(seed)) : undefined);
  const service = new QualityService(platform, { ...deps, random });
  const facade: QualityFacade = { workerRecord: (id) => service.workerRecord(id) };
  return {
    name: QUALITY_SCHEMA,
    migrations: qualityMigrations,
    router: qualityRouter(service, platform),
    reactions: qualityReactions(platform),
    facade,
  } satisfies ContextModule;
}
