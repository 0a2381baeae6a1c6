// The step kinds the pipeline knows. A configured step names a kind, a weight and parameters; new
// steps of an existing kind (a trait to favour, a stricter filter) need no code. A new *kind* is one
// entry here (see docs/orders.md "Adding a step"). Steps read the pool's columns by sample index.
import { z } from 'zod';
import type { ReferenceSample } from './language.ts';
import type { SamplePool } from './pool.ts';

type Params = Record<string, unknown>;

/** Keeps the samples `idx[0..len)` that pass, compacted to the front; returns how many remain. */
export type FilterRun = (idx: Int32Array, len: number) => number;
/** Writes each sample's 0…1 score: `out[r]` for sample `idx[r]`. */
export type ScoreRun = (idx: Int32Array, len: number, out: Float64Array) => void;

// Each kind loops over the index set itself: one small monomorphic loop per kind, which V8 compiles
// tightly, instead of one shared loop calling a different closure per sample.
export interface FilterKind {
  type: 'filter';
  describe: string;
  params: z.ZodType<Params>;
  prepare(ref: ReferenceSample, params: Params, pool: SamplePool): FilterRun;
}
export interface ScoreKind {
  type: 'score';
  describe: string;
  params: z.ZodType<Params>;
  prepare(ref: ReferenceSample, params: Params, pool: SamplePool): ScoreRun;
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
    prepare: (_r, _p, { busy }) => (idx, len) => {
        let w = 0;
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          if (busy[i] === 0) idx[w++] = i;
        }
        return w;
      },
  },
  notAvoided: {
    type: 'filter',
    describe: 'Removes the samples the reference must avoid (the worker of the order a rebook copies)',
    params: none,
    prepare: (ref, _p, pool) => {
      if (ref.avoid.length === 0) return (_idx, len) => len;
      const avoid = new Set(ref.avoid);
      const ids = pool.ids;
      return (idx, len) => {
        let w = 0;
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          if (!avoid.has(ids[i])) idx[w++] = i;
        }
        return w;
      };
    },
  },
  minTrait: {
    type: 'filter',
    describe: 'Keeps samples whose trait is at least `min` (−1…1); unknown traits count as 0',
    params: traitParam.extend({ min: z.number().min(-1).max(1) }).strict(),
    prepare: (_r, p, pool) => {
      const col = pool.trait(p.trait as string);
      const min = p.min as number;
      return (idx, len) => {
        let w = 0;
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          if ((col[i] === col[i] ? col[i] : 0) >= min) idx[w++] = i;
        }
        return w;
      };
    },
  },
  maxNoShows: {
    type: 'filter',
    describe: 'Keeps samples with at most `max` no-shows',
    params: z.object({ max: z.number().int().min(0) }).strict(),
    prepare: (_r, p, { noShows }) => {
      const max = p.max as number;
      return (idx, len) => {
        let w = 0;
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          if (noShows[i] <= max) idx[w++] = i;
        }
        return w;
      };
    },
  },
  traits: {
    type: 'score',
    describe: 'Mean of every trait (strengths up, weaknesses down), 0.5 when unknown',
    params: none,
    prepare: (_r, _p, { traitMean }) => (idx, len, out) => {
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          out[r] = traitMean[i] === traitMean[i] ? clamp01((traitMean[i] + 1) / 2) : 0.5;
        }
      },
  },
  trait: {
    type: 'score',
    describe: 'One named trait, −1…1 mapped to 0…1 (0.5 when unknown)',
    params: traitParam,
    prepare: (_r, p, pool) => {
      const col = pool.trait(p.trait as string);
      return (idx, len, out) => {
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          out[r] = col[i] === col[i] ? clamp01((col[i] + 1) / 2) : 0.5;
        }
      };
    },
  },
  reliability: {
    type: 'score',
    describe: 'Completed against failed and no-shows (a no-show counts twice), smoothed for newcomers',
    params: none,
    prepare: (_r, _p, { completed, failed, noShows }) => (idx, len, out) => {
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          out[r] = (completed[i] + 1) / (completed[i] + failed[i] + 2 * noShows[i] + 2);
        }
      },
  },
  quality: {
    type: 'score',
    describe: 'Fewer quality findings against the sample score higher',
    params: none,
    prepare: (_r, _p, { faultFindings }) => (idx, len, out) => {
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          out[r] = 1 / (1 + faultFindings[i]);
        }
      },
  },
  experience: {
    type: 'score',
    describe: 'More completed work scores higher, saturating',
    params: none,
    prepare: (_r, _p, { completed }) => (idx, len, out) => {
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          out[r] = completed[i] / (completed[i] + 10);
        }
      },
  },
  loadBalance: {
    type: 'score',
    describe: 'Fewer open pairings score higher, spreading work',
    params: none,
    prepare: (_r, _p, { load }) => (idx, len, out) => {
        for (let r = 0; r < len; r++) {
          const i = idx[r];
          out[r] = 1 / (1 + load[i]);
        }
      },
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
