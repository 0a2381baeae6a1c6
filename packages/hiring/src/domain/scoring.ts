// Screening hypotheses as data: which traits matter and how much, and where the bar is. Every change is
// a new numbered version (stored in hiring.screening_config); every decision records the version it used.
import { z } from 'zod';
import type { CutoffRule } from './cutoff.ts';

/** Traits are named in camelCase and lie on a common scale: −1 (weakness) … +1 (strength). */
export const traitName = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'must be a camelCase name like "reflexes"');
export type Traits = Record<string, number>;

export const screeningConfigSchema = z.object({
  /** Only the top `cutoffPercent` % of the population pass. */
  cutoffPercent: z.number().gt(0, 'must be above 0').max(100, 'must be at most 100').multipleOf(0.01, 'at most two decimals'),
  /** Weight of each trait in the score; traits not listed do not count. Negative weights are allowed. */
  weights: z.record(traitName, z.number().min(-10).max(10)).refine((w) => Object.values(w).some((x) => x !== 0), 'at least one trait must have a non-zero weight'),
  /** Absolute floor on the score (−1..+1), or null for none. */
  minScore: z.number().min(-1).max(1).nullable().default(null),
});
export type ScreeningConfig = z.infer<typeof screeningConfigSchema>;

/** Version 1, installed by the first migration. */
export const DEFAULT_SCREENING: ScreeningConfig = {
  cutoffPercent: 3,
  weights: { reflexes: 1, patience: 0.5, problemSolving: 1, speed: 0.5, friendliness: 1, tidiness: 0.5, curiosity: 0.5 },
  minScore: null,
};

export const cutoffRule = (c: ScreeningConfig): CutoffRule => ({ percent: c.cutoffPercent, minScore: c.minScore });

export const clampTrait = (x: number) => (Number.isFinite(x) ? Math.max(-1, Math.min(1, x)) : 0);

/** Scores are rounded to 4 decimals so that equal performances tie exactly (see cutoff.ts). */
export const roundScore = (x: number) => Math.round(x * 10_000) / 10_000 + 0; // `+ 0` turns −0 into 0

/** A candidate's traits from all its tests: the mean of each trait over the tests that measured it. */
export function combineTraits(results: readonly Traits[]): Traits {
  const sum: Record<string, number> = {};
  const n: Record<string, number> = {};
  for (const r of results) {
    for (const [k, v] of Object.entries(r)) {
      sum[k] = (sum[k] ?? 0) + clampTrait(v);
      n[k] = (n[k] ?? 0) + 1;
    }
  }
  const out: Traits = {};
  for (const k of Object.keys(sum).sort()) out[k] = roundScore(sum[k] / n[k]);
  return out;
}

/**
 * The score: a weighted mean of the traits, on −1..+1. A trait the candidate was not tested on counts
 * as 0 (neither strength nor weakness), so candidates given different tests stay comparable.
 */
export function scoreTraits(traits: Traits, weights: Record<string, number>): number {
  let total = 0;
  let norm = 0;
  for (const [k, w] of Object.entries(weights)) {
    total += w * clampTrait(traits[k] ?? 0);
    norm += Math.abs(w);
  }
  return norm === 0 ? 0 : roundScore(total / norm);
}
