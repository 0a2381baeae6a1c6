// The step kinds the pipeline knows. A configured step names a kind, a weight and parameters; new
// steps of an existing kind (a trait to favour, a stricter filter) need no code. A new *kind* is one
// entry here (see docs/orders.md "Adding a step").
import { z } from 'zod';
import type { NormalSample, ReferenceSample } from './language.ts';

type Params = Record<string, unknown>;

export interface FilterKind {
  type: 'filter';
  describe: string;
  params: z.ZodType<Params>;
  /** Returns the predicate for this reference (prepared once per run, called per sample). */
  prepare(ref: ReferenceSample, params: Params): (n: NormalSample) => boolean;
}
export interface ScoreKind {
  type: 'score';
  describe: string;
  params: z.ZodType<Params>;
  /** Returns a scorer giving 0…1 per sample (prepared once per run). */
  prepare(ref: ReferenceSample, params: Params): (n: NormalSample) => number;
}
export interface ShortlistKind {
  type: 'shortlist';
  describe: string;
  params: z.ZodType<Params>;
}
export type StepKind = FilterKind | ScoreKind | ShortlistKind;

const none = z.object({}).strict();
const traitParam = z.object({ trait: z.string().min(1).max(60) }).strict();

export const STEP_KINDS: Record<string, StepKind> = {
  available: {
    type: 'filter',
    describe: 'Keeps samples with no other pairing overlapping the booked time',
    params: none,
    prepare: () => (n) => !n.busy,
  },
  notAvoided: {
    type: 'filter',
    describe: 'Removes the samples the reference must avoid (the worker of the order a rebook copies)',
    params: none,
    prepare: (ref) => {
      const avoid = new Set(ref.avoid);
      return (n) => !avoid.has(n.id);
    },
  },
  minTrait: {
    type: 'filter',
    describe: 'Keeps samples whose trait is at least `min` (−1…1); unknown traits count as 0',
    params: traitParam.extend({ min: z.number().min(-1).max(1) }).strict(),
    prepare: (_ref, p) => {
      const trait = p.trait as string;
      const min = p.min as number;
      return (n) => (n.traits[trait] ?? 0) >= min;
    },
  },
  maxNoShows: {
    type: 'filter',
    describe: 'Keeps samples with at most `max` no-shows',
    params: z.object({ max: z.number().int().min(0) }).strict(),
    prepare: (_ref, p) => {
      const max = p.max as number;
      return (n) => n.noShows <= max;
    },
  },
  traits: {
    type: 'score',
    describe: 'Mean of every trait (strengths up, weaknesses down), 0.5 when unknown',
    params: none,
    prepare: () => (n) => {
      let sum = 0;
      let count = 0;
      for (const k in n.traits) {
        sum += n.traits[k];
        count++;
      }
      return count === 0 ? 0.5 : clamp01((sum / count + 1) / 2);
    },
  },
  trait: {
    type: 'score',
    describe: 'One named trait, −1…1 mapped to 0…1 (0.5 when unknown)',
    params: traitParam,
    prepare: (_ref, p) => {
      const trait = p.trait as string;
      return (n) => clamp01(((n.traits[trait] ?? 0) + 1) / 2);
    },
  },
  reliability: {
    type: 'score',
    describe: 'Completed against failed and no-shows (a no-show counts twice), smoothed for newcomers',
    params: none,
    prepare: () => (n) => (n.completed + 1) / (n.completed + n.failed + 2 * n.noShows + 2),
  },
  quality: {
    type: 'score',
    describe: 'Fewer quality findings against the sample score higher',
    params: none,
    prepare: () => (n) => 1 / (1 + n.faultFindings),
  },
  experience: {
    type: 'score',
    describe: 'More completed work scores higher, saturating',
    params: none,
    prepare: () => (n) => n.completed / (n.completed + 10),
  },
  loadBalance: {
    type: 'score',
    describe: 'Fewer open pairings score higher, spreading work',
    params: none,
    prepare: () => (n) => 1 / (1 + n.load),
  },
  shortlist: {
    type: 'shortlist',
    describe: 'Keeps only the `size` best samples by the score so far (later steps rank only these)',
    params: z.object({ size: z.number().int().min(1).max(100_000) }).strict(),
  },
};

function clamp01(x: number) {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
