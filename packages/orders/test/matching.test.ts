import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runPipeline } from '../src/matching/pipeline.ts';
import { DEFAULT_PIPELINE, pipelineConfigSchema } from '../src/matching/config.ts';
import { STEP_KINDS } from '../src/matching/steps.ts';
import { SamplePool } from '../src/matching/pool.ts';
import type { NormalSample, PipelineConfig, ReferenceSample, StepConfig } from '../src/matching/language.ts';

const TRAITS = ['agility', 'patience', 'strength', 'curiosity'];

const sampleArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    traits: fc.dictionary(fc.constantFrom(...TRAITS), fc.double({ min: -1, max: 1, noNaN: true }), { maxKeys: 4 }),
    busy: fc.boolean(),
    completed: fc.nat(50),
    failed: fc.nat(10),
    noShows: fc.nat(5),
    faultFindings: fc.nat(5),
    reviews: fc.nat(10),
    load: fc.nat(5),
  }) as fc.Arbitrary<NormalSample>;

const poolArb = fc
  .uniqueArray(fc.stringMatching(/^w[0-9a-f]{6}$/), { minLength: 1, maxLength: 40 })
  .chain((ids) => fc.tuple(...ids.map(sampleArb)));

const refArb = (pool: NormalSample[]) =>
  fc.record({
    id: fc.constant('order-1'),
    kind: fc.constant('poke'),
    at: fc.constant(Date.parse('2026-01-05T10:00:00Z')),
    avoid: fc.subarray(pool.map((p) => p.id), { maxLength: Math.min(3, pool.length) }),
  }) as fc.Arbitrary<ReferenceSample>;

const caseArb = poolArb.chain((pool) => fc.tuple(fc.constant(pool as NormalSample[]), refArb(pool as NormalSample[])));

function passesFilters(n: NormalSample, ref: ReferenceSample, cfg: PipelineConfig) {
  return cfg.steps.every((s) => {
    const k = STEP_KINDS[s.kind];
    return k.type !== 'filter' || k.prepare(ref, s.params ?? {}, SamplePool.of([n]))(Int32Array.of(0), 1) === 1;
  });
}

/** Random weights for the default pipeline's score steps. */
const weightedDefaultArb = fc.array(fc.integer({ min: -5, max: 10 }), { minLength: DEFAULT_PIPELINE.steps.length, maxLength: DEFAULT_PIPELINE.steps.length }).map(
  (ws): PipelineConfig => ({ steps: DEFAULT_PIPELINE.steps.map((s, i) => (STEP_KINDS[s.kind].type === 'score' ? { ...s, weight: ws[i] } : s)) }),
);

describe('matching pipeline', () => {
  it('always returns one of the eligible workers, or of all workers when filters remove everyone', () => {
    fc.assert(
      fc.property(caseArb, weightedDefaultArb, ([pool, ref], cfg) => {
        const r = runPipeline(ref, pool, cfg, 1)!;
        expect(r).not.toBeNull();
        const eligible = pool.filter((n) => passesFilters(n, ref, cfg));
        const chosen = pool.find((n) => n.id === r.sampleId)!;
        expect(chosen).toBeDefined();
        if (eligible.length > 0) {
          expect(eligible.map((n) => n.id)).toContain(r.sampleId);
          expect(r.explanation.fallback).toBe(false);
        } else {
          expect(r.explanation.fallback).toBe(true);
        }
        // The chosen one has the best total among those considered.
        const considered = eligible.length > 0 ? eligible : pool;
        const total = (n: NormalSample) => runPipeline(ref, [n], { steps: cfg.steps.filter((s) => STEP_KINDS[s.kind].type === 'score') }, 1)!.explanation.chosen.total;
        for (const n of considered) expect(total(n)).toBeLessThanOrEqual(r.explanation.chosen.total + 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('returns null only when there are no workers at all', () => {
    expect(runPipeline({ id: 'o', kind: 'k', at: 0, avoid: [] }, [], DEFAULT_PIPELINE, 1)).toBeNull();
  });

  it('is deterministic for the same input and pipeline, whatever order the workers arrive in', () => {
    fc.assert(
      fc.property(caseArb, weightedDefaultArb, fc.nat(), ([pool, ref], cfg, seed) => {
        const a = runPipeline(ref, pool, cfg, 3)!;
        const b = runPipeline(ref, pool, cfg, 3)!;
        expect(b).toEqual(a);
        const shuffled = [...pool].sort((x, y) => ((x.id.charCodeAt(3) * 31 + seed) % 7) - ((y.id.charCodeAt(3) * 31 + seed) % 7));
        expect(runPipeline(ref, shuffled, cfg, 3)!.sampleId).toBe(a.sampleId);
      }),
      { numRuns: 200 },
    );
  });

  it('reordering steps that commute (filters and scores between shortlists) changes nothing', () => {
    fc.assert(
      fc.property(caseArb, weightedDefaultArb.chain((cfg) => fc.tuple(fc.constant(cfg), fc.shuffledSubarray(cfg.steps, { minLength: cfg.steps.length, maxLength: cfg.steps.length }))), ([pool, ref], [cfg, reordered]) => {
        const a = runPipeline(ref, pool, cfg, 1)!;
        const b = runPipeline(ref, pool, { steps: reordered }, 1)!;
        expect(b.sampleId).toBe(a.sampleId);
        expect(b.explanation.chosen.total).toBe(a.explanation.chosen.total);
      }),
      { numRuns: 200 },
    );
  });

  it('a shortlist does not commute: it fixes the ranking so far, and later steps rank only the shortlisted', () => {
    const pool: NormalSample[] = [
      { id: 'a', traits: { agility: 1 }, busy: false, completed: 0, failed: 0, noShows: 0, faultFindings: 0, reviews: 0, load: 3 },
      { id: 'b', traits: { agility: -1 }, busy: false, completed: 0, failed: 0, noShows: 0, faultFindings: 0, reviews: 0, load: 0 },
    ];
    const ref = { id: 'o', kind: 'k', at: 0, avoid: [] };
    const load: StepConfig = { name: 'load', kind: 'loadBalance', weight: 1 };
    const agile: StepConfig = { name: 'agile', kind: 'trait', weight: 1, params: { trait: 'agility' } };
    const top1: StepConfig = { name: 'top1', kind: 'shortlist', params: { size: 1 } };
    expect(runPipeline(ref, pool, { steps: [load, top1, agile] }, 1)!.sampleId).toBe('b');
    expect(runPipeline(ref, pool, { steps: [agile, top1, load] }, 1)!.sampleId).toBe('a');
  });

  it('a step added through configuration takes effect', () => {
    fc.assert(
      fc.property(poolArb, (poolT) => {
        const pool = (poolT as NormalSample[]).map((n) => ({ ...n, busy: false }));
        const ref = { id: 'o', kind: 'k', at: 0, avoid: [] };
        const withAgility: PipelineConfig = { steps: [...DEFAULT_PIPELINE.steps, { name: 'agile-first', kind: 'trait', weight: 1000, params: { trait: 'agility' } }] };
        expect(pipelineConfigSchema.safeParse(withAgility).success).toBe(true);
        const r = runPipeline(ref, pool, withAgility, 2)!;
        const best = Math.max(...pool.map((n) => n.traits.agility ?? 0));
        // 1000 × agility dominates every default step (whose weights sum to 8), up to the rounding of equal agilities.
        expect((pool.find((n) => n.id === r.sampleId)!.traits.agility ?? 0)).toBeGreaterThan(best - 0.02);
        expect(r.explanation.chosen.scores['agile-first']).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });

  it('a filter added through configuration removes the workers it should', () => {
    const pool: NormalSample[] = ['a', 'b', 'c'].map((id, i) => ({ id, traits: { patience: i - 1, agility: 1 - i }, busy: false, completed: 10 - i, failed: 0, noShows: 0, faultFindings: 0, reviews: 0, load: 0 }));
    const ref = { id: 'o', kind: 'k', at: 0, avoid: [] };
    expect(runPipeline(ref, pool, DEFAULT_PIPELINE, 1)!.sampleId).toBe('a');
    const cfg = { steps: [...DEFAULT_PIPELINE.steps, { name: 'patient-only', kind: 'minTrait', params: { trait: 'patience', min: 0.5 } }] };
    const r = runPipeline(ref, pool, cfg, 2)!;
    expect(r.sampleId).toBe('c');
    expect(r.explanation.removedBy['patient-only']).toBe(2);
  });

  it('avoids the previous worker when another exists, and falls back when none does', () => {
    const mk = (id: string, completed: number): NormalSample => ({ id, traits: {}, busy: false, completed, failed: 0, noShows: 0, faultFindings: 0, reviews: 0, load: 0 });
    expect(runPipeline({ id: 'o', kind: 'k', at: 0, avoid: ['star'] }, [mk('star', 50), mk('other', 0)], DEFAULT_PIPELINE, 1)!.sampleId).toBe('other');
    const alone = runPipeline({ id: 'o', kind: 'k', at: 0, avoid: ['star'] }, [mk('star', 50)], DEFAULT_PIPELINE, 1)!;
    expect(alone.sampleId).toBe('star');
    expect(alone.explanation.fallback).toBe(true);
  });

  it('explains the choice: the version, every step, the chosen and runners-up with per-step scores', () => {
    const pool: NormalSample[] = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, traits: {}, busy: i === 0, completed: i, failed: 0, noShows: 0, faultFindings: 0, reviews: 0, load: 0 }));
    const r = runPipeline({ id: 'o', kind: 'k', at: 0, avoid: [] }, pool, DEFAULT_PIPELINE, 7)!;
    expect(r.explanation).toMatchObject({ pipelineVersion: 7, fallback: false, candidates: 5, eligible: 4, removedBy: { available: 1 } });
    expect(r.explanation.steps.map((s) => s.name)).toEqual(DEFAULT_PIPELINE.steps.map((s) => s.name));
    expect(Object.keys(r.explanation.chosen.scores)).toEqual(DEFAULT_PIPELINE.steps.map((s) => s.name));
    expect(r.explanation.runnersUp).toHaveLength(3);
    const totals = [r.explanation.chosen, ...r.explanation.runnersUp].map((x) => x.total);
    expect([...totals].sort((x, y) => y - x)).toEqual(totals);
  });

  it('refuses a configuration with unknown kinds, duplicate names or bad parameters', () => {
    const bad = [
      { steps: [] },
      { steps: [{ name: 'x', kind: 'astrology' }] },
      { steps: [{ name: 'x', kind: 'traits' }, { name: 'x', kind: 'quality' }] },
      { steps: [{ name: 'x', kind: 'shortlist', params: { size: 0 } }] },
      { steps: [{ name: 'x', kind: 'trait', params: {} }] },
      { steps: [{ name: 'x', kind: 'traits', weight: Number.NaN }] },
    ];
    for (const b of bad) expect(pipelineConfigSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
    expect(pipelineConfigSchema.safeParse(DEFAULT_PIPELINE).success).toBe(true);
  });
});
