// A timed reflex test: the portal waits a random delay, shows "Pounce!", and times the click.
// Anticipated clicks (faster than a cat can react) count as false starts.
import { z } from 'zod';
import { defineKind, scale, seeded, type ScoringContext } from '../types.ts';

const params = z
  .object({
    rounds: z.number().int().min(3).max(20).default(5),
    minDelayMs: z.number().int().min(0).max(10_000).default(1000),
    maxDelayMs: z.number().int().min(0).max(15_000).default(4000),
  })
  .refine((p) => p.maxDelayMs >= p.minDelayMs, { message: 'maxDelayMs must not be below minDelayMs', path: ['maxDelayMs'] });
type Params = z.infer<typeof params>;

/** A click sooner than this after the stimulus was anticipated, not a reaction. */
export const FALSE_START_MS = 100;
/** The reaction the scale calls +1 and −1 (median, milliseconds). */
const BEST_MS = 200;
const WORST_MS = 700;

function delays(p: Params, seed: string): number[] {
  const rnd = seeded(seed);
  return Array.from({ length: p.rounds }, () => p.minDelayMs + Math.round(rnd() * (p.maxDelayMs - p.minDelayMs)));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const reflex = defineKind({
  kind: 'reflex',
  title: 'Reflex test',
  description: 'Wait for the mouse to appear, then pounce (click) as fast as you can. Several rounds; clicking early is a false start.',
  takenBy: 'candidate',
  traits: ['reflexes', 'patience'],
  params,
  answer: z.object({ reactionsMs: z.array(z.number().min(0).max(60_000)).min(1).max(20) }),
  present: (p, seed) => ({
    type: 'reflex',
    instructions: 'When you press Start, wait. As soon as the mouse appears, click it. Do not click before it appears.',
    rounds: p.rounds,
    delaysMs: delays(p, seed),
  }),
  score(p, a, ctx: ScoringContext) {
    const expected = delays(p, ctx.seed);
    const reactions = a.reactionsMs.slice(0, p.rounds);
    const missing = p.rounds - reactions.length;
    const falseStarts = reactions.filter((r) => r < FALSE_START_MS).length + missing;
    const valid = reactions.filter((r) => r >= FALSE_START_MS);
    // The test cannot be finished faster than its delays plus the reactions: a quicker submission was scripted.
    const elapsed = ctx.startedAt ? ctx.submittedAt.getTime() - ctx.startedAt.getTime() : Infinity;
    // (A false start may cut its round's wait short, so only rounds with a real reaction count.)
    const minimum = reactions.reduce((s, r, i) => (r >= FALSE_START_MS ? s + expected[i] + r : s), 0);
    if (elapsed + 250 < minimum) {
      return { traits: { reflexes: -1, patience: -1 }, summary: `submitted after ${elapsed} ms, faster than the test can run (${minimum} ms): not counted` };
    }
    const med = valid.length ? median(valid) : WORST_MS;
    const reflexes = scale(med, WORST_MS, BEST_MS);
    const patience = scale(falseStarts / p.rounds, 0.5, 0);
    return { traits: { reflexes, patience }, summary: `median reaction ${Math.round(med)} ms over ${valid.length} rounds, ${falseStarts} false start(s)` };
  },
  examples: [
    { name: 'a quick, calm cat', params: { rounds: 4, minDelayMs: 0, maxDelayMs: 0 }, answer: { reactionsMs: [190, 200, 210, 200] }, elapsedMs: 5000, expect: { reflexes: 1, patience: 1 } },
    { name: 'an average cat', params: { rounds: 3, minDelayMs: 0, maxDelayMs: 0 }, answer: { reactionsMs: [400, 450, 500] }, elapsedMs: 5000, expect: { reflexes: 0, patience: 1 } },
    { name: 'a jumpy cat', params: { rounds: 4, minDelayMs: 0, maxDelayMs: 0 }, answer: { reactionsMs: [20, 30, 700, 700] }, elapsedMs: 5000, expect: { reflexes: -1, patience: -1 } },
    { name: 'a script', params: { rounds: 3, minDelayMs: 1000, maxDelayMs: 1000 }, answer: { reactionsMs: [150, 150, 150] }, elapsedMs: 400, expect: { reflexes: -1, patience: -1 } },
  ],
});
