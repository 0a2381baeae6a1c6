// The plug-in contract of a kind of test (the hiring microkernel). A kind lives in its own folder
// `src/kinds/<kind>/`, is registered once in `src/kinds/index.ts`, and needs nothing else: the router,
// the portal, storage and decisions only speak to this interface.
import type { z } from 'zod';
import type { Traits } from '../domain/scoring.ts';

export interface ScoringContext {
  /** A per-assignment random seed: what `present` showed is reproducible from it. */
  seed: string;
  /** When the candidate opened the test (null if it never did, e.g. a manager-scored kind). */
  startedAt: Date | null;
  submittedAt: Date;
}

export interface Scored {
  /** Strengths and weaknesses on the common scale −1..+1. */
  traits: Traits;
  /** One line for managers (never shown to the candidate). */
  summary: string;
}

/** A known answer and the traits it must score to: each kind ships some; a shared test runs them all. */
export interface KindExample<P, A> {
  name: string;
  params: P;
  answer: A;
  /** Milliseconds between opening and submitting. */
  elapsedMs: number;
  expect: Traits;
}

export interface TestKind<P = any, A = any> {
  /** Stable id stored with every assigned test: lower-case, e.g. `reflex`. */
  kind: string;
  title: string;
  description: string;
  /** `candidate`: taken in the portal; `manager`: a manager records the answer (e.g. an interview). */
  takenBy: 'candidate' | 'manager';
  /** The traits it can produce. */
  traits: readonly string[];
  /** Parameters a manager sets per candidate; defaults fill what is left out. */
  params: z.ZodType<P, any>;
  /** What a submission looks like. */
  answer: z.ZodType<A, any>;
  /** What the portal shows when the candidate opens the test. Never the answer key. */
  present(params: P, seed: string): unknown;
  /** Scores a submission. Throw `KindInputError` for an answer that does not fit these params. */
  score(params: P, answer: A, ctx: ScoringContext): Scored;
  examples: KindExample<P, A>[];
}

export class KindInputError extends Error {}

/** Identity, for type inference of P and A from the zod schemas. */
export function defineKind<P, A>(k: TestKind<P, A>): TestKind<P, A> {
  return k;
}

/** A small deterministic PRNG (mulberry32 over a string hash) for seeded presentations. */
export function seeded(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Linear map of x from [worst, best] to [−1, +1], clamped; works for either direction. */
export function scale(x: number, worst: number, best: number): number {
  const t = (x - worst) / (best - worst);
  return Math.round(Math.max(-1, Math.min(1, 2 * t - 1)) * 10_000) / 10_000 + 0;
}
