// Runs a configured pipeline over the normal samples for one reference sample. Map then reduce:
// every score step maps each surviving sample to 0…1, weighted contributions are summed (reduce),
// filters narrow the set, a shortlist keeps the best so far. Pure: same input and pipeline → same pair.
import type { NormalSample, PairingExplanation, Pairing, PipelineConfig, ReferenceSample, SampleExplanation } from './language.ts';
import { SamplePool } from './pool.ts';
import { STEP_KINDS, type FilterRun, type ScoreRun, type StepKind } from './steps.ts';

// Contributions are summed as integers (millionths): integer addition is exact, so steps that
// commute give bit-identical totals whatever their order.
const SCALE = 1_000_000;

interface Prepared {
  name: string;
  kind: string;
  weight: number;
  step: StepKind;
  keep?: FilterRun;
  score?: ScoreRun;
  size?: number;
}

function prepare(ref: ReferenceSample, config: PipelineConfig, pool: SamplePool): Prepared[] {
  return config.steps.map((s) => {
    const step = STEP_KINDS[s.kind];
    if (!step) throw new Error(`unknown step kind ${s.kind}`);
    const params = s.params ?? {};
    const p: Prepared = { name: s.name, kind: s.kind, weight: s.weight ?? 1, step };
    if (step.type === 'filter') p.keep = step.prepare(ref, params, pool);
    else if (step.type === 'score') p.score = step.prepare(ref, params, pool);
    else p.size = Number(params.size);
    return p;
  });
}

/** Better first: higher total, then the smaller id (a deterministic tie-break independent of input order). */
const better = (totals: Float64Array, rank: Int32Array, a: number, b: number) => totals[a] > totals[b] || (totals[a] === totals[b] && rank[a] < rank[b]);

/** The `k` best of `idx[0..len)`, best first: a bounded selection, not a sort of the whole set. */
function best(idx: Int32Array, len: number, k: number, totals: Float64Array, rank: Int32Array): number[] {
  const top: number[] = [];
  for (let r = 0; r < len; r++) {
    const i = idx[r];
    if (top.length === k) {
      if (!better(totals, rank, i, top[k - 1])) continue;
      top.pop();
    }
    // Insert in place (k is small next to len; most samples never get here).
    let j = top.length;
    top.push(i);
    while (j > 0 && better(totals, rank, i, top[j - 1])) {
      top[j] = top[j - 1];
      j--;
    }
    top[j] = i;
  }
  return top;
}

function pass(pool: SamplePool, steps: Prepared[], withFilters: boolean, removedBy: Record<string, number>) {
  const { totals, scratch, idx: buffer } = pool.buffers();
  totals.fill(0);
  let idx = buffer;
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  let len = idx.length;
  for (const s of steps) {
    if (s.keep) {
      if (!withFilters) continue;
      const w = s.keep(idx, len);
      removedBy[s.name] = (removedBy[s.name] ?? 0) + (len - w);
      len = w;
    } else if (s.score) {
      const wt = s.weight * SCALE;
      s.score(idx, len, scratch);
      for (let r = 0; r < len; r++) totals[idx[r]] += Math.round(wt * scratch[r]);
    } else if (s.size !== undefined && len > s.size) {
      idx = Int32Array.from(best(idx, len, s.size, totals, pool.rank));
      len = idx.length;
    }
  }
  return { idx, len, totals };
}

function explainOne(pool: SamplePool, i: number, total: number, steps: Prepared[]): SampleExplanation {
  const scores: SampleExplanation['scores'] = {};
  const one = () => Int32Array.of(i);
  const out = new Float64Array(1);
  for (const s of steps) {
    if (s.keep) scores[s.name] = { raw: s.keep(one(), 1), weighted: 0 };
    else if (s.score) {
      s.score(one(), 1, out);
      const raw = out[0];
      scores[s.name] = { raw, weighted: Math.round(s.weight * SCALE * raw) / SCALE };
    }
  }
  return { id: pool.ids[i], total: total / SCALE, scores };
}

/**
 * Pairs the reference with one normal sample. If the filters together remove every sample, the
 * pipeline runs again without filters (matching never says "nobody"); null only when there are no
 * samples at all. Pass a `SamplePool` to reuse its columns across many references.
 */
export function runPipeline(ref: ReferenceSample, samples: readonly NormalSample[] | SamplePool, config: PipelineConfig, version: number, runnersUp = 3): Pairing | null {
  const pool = SamplePool.of(samples);
  if (pool.size === 0) return null;
  const steps = prepare(ref, config, pool);
  const removedBy: Record<string, number> = {};
  let fallback = false;
  let r = pass(pool, steps, true, removedBy);
  if (r.len === 0) {
    fallback = true;
    r = pass(pool, steps, false, {});
  }
  const [chosen, ...rest] = best(r.idx, r.len, runnersUp + 1, r.totals, pool.rank);
  const explanation: PairingExplanation = {
    pipelineVersion: version,
    fallback,
    candidates: pool.size,
    eligible: r.len,
    removedBy,
    steps: steps.map((s) => ({ name: s.name, kind: s.kind, type: s.step.type, weight: s.weight })),
    chosen: explainOne(pool, chosen, r.totals[chosen], steps),
    runnersUp: rest.map((i) => explainOne(pool, i, r.totals[i], steps)),
  };
  return { sampleId: pool.ids[chosen], explanation };
}
