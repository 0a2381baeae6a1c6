// Runs a configured pipeline over the normal samples for one reference sample. Map then reduce:
// every score step maps each surviving sample to 0…1, weighted contributions are summed (reduce),
// filters narrow the set, a shortlist keeps the best so far. Pure: same input and pipeline → same pair.
import type { NormalSample, PairingExplanation, Pairing, PipelineConfig, ReferenceSample, SampleExplanation } from './language.ts';
import { STEP_KINDS, type StepKind } from './steps.ts';

// Contributions are summed as integers (millionths): integer addition is exact, so steps that
// commute give bit-identical totals whatever their order.
const SCALE = 1_000_000;

interface Prepared {
  name: string;
  kind: string;
  weight: number;
  step: StepKind;
  keep?: (n: NormalSample) => boolean;
  score?: (n: NormalSample) => number;
  size?: number;
}

function prepare(ref: ReferenceSample, config: PipelineConfig): Prepared[] {
  return config.steps.map((s) => {
    const step = STEP_KINDS[s.kind];
    if (!step) throw new Error(`unknown step kind ${s.kind}`);
    const params = s.params ?? {};
    const p: Prepared = { name: s.name, kind: s.kind, weight: s.weight ?? 1, step };
    if (step.type === 'filter') p.keep = step.prepare(ref, params);
    else if (step.type === 'score') p.score = step.prepare(ref, params);
    else p.size = Number(params.size);
    return p;
  });
}

/** Better first: higher total, then the smaller id (a deterministic tie-break independent of input order). */
function better(samples: readonly NormalSample[], totals: Float64Array, a: number, b: number) {
  if (totals[a] !== totals[b]) return totals[a] > totals[b];
  return samples[a].id < samples[b].id;
}

function pass(samples: readonly NormalSample[], steps: Prepared[], withFilters: boolean, removedBy: Record<string, number>) {
  const totals = new Float64Array(samples.length);
  let idx = new Int32Array(samples.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  let len = idx.length;
  for (const s of steps) {
    if (s.keep) {
      if (!withFilters) continue;
      let w = 0;
      for (let r = 0; r < len; r++) if (s.keep(samples[idx[r]])) idx[w++] = idx[r];
      removedBy[s.name] = (removedBy[s.name] ?? 0) + (len - w);
      len = w;
    } else if (s.score) {
      const wt = s.weight;
      for (let r = 0; r < len; r++) {
        const i = idx[r];
        totals[i] += Math.round(wt * s.score(samples[i]) * SCALE);
      }
    } else if (s.size !== undefined && len > s.size) {
      const kept = Array.from(idx.subarray(0, len)).sort((a, b) => (better(samples, totals, a, b) ? -1 : better(samples, totals, b, a) ? 1 : 0));
      idx = Int32Array.from(kept.slice(0, s.size));
      len = idx.length;
    }
  }
  return { idx: idx.subarray(0, len), totals };
}

function explainOne(sample: NormalSample, total: number, steps: Prepared[]): SampleExplanation {
  const scores: SampleExplanation['scores'] = {};
  for (const s of steps) {
    if (s.keep) scores[s.name] = { raw: s.keep(sample) ? 1 : 0, weighted: 0 };
    else if (s.score) {
      const raw = s.score(sample);
      scores[s.name] = { raw, weighted: Math.round(s.weight * raw * SCALE) / SCALE };
    }
  }
  return { id: sample.id, total: total / SCALE, scores };
}

/**
 * Pairs the reference with one normal sample. If the filters together remove every sample, the
 * pipeline runs again without filters (matching never says "nobody"); null only when there are no
 * samples at all.
 */
export function runPipeline(ref: ReferenceSample, samples: readonly NormalSample[], config: PipelineConfig, version: number, runnersUp = 3): Pairing | null {
  if (samples.length === 0) return null;
  const steps = prepare(ref, config);
  const removedBy: Record<string, number> = {};
  let fallback = false;
  let r = pass(samples, steps, true, removedBy);
  if (r.idx.length === 0) {
    fallback = true;
    r = pass(samples, steps, false, {});
  }
  const { idx, totals } = r;
  let best = idx[0];
  for (let k = 1; k < idx.length; k++) if (better(samples, totals, idx[k], best)) best = idx[k];
  // Runners-up for the explanation: a small partial selection, not a sort of the whole set.
  const top: number[] = [];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (i === best) continue;
    if (top.length < runnersUp) top.push(i);
    else if (better(samples, totals, i, top[top.length - 1])) top[top.length - 1] = i;
    else continue;
    top.sort((a, b) => (better(samples, totals, a, b) ? -1 : 1));
  }
  const explanation: PairingExplanation = {
    pipelineVersion: version,
    fallback,
    candidates: samples.length,
    eligible: idx.length,
    removedBy,
    steps: steps.map((s) => ({ name: s.name, kind: s.kind, type: s.step.type, weight: s.weight })),
    chosen: explainOne(samples[best], totals[best], steps),
    runnersUp: top.map((i) => explainOne(samples[i], totals[i], steps)),
  };
  return { sampleId: samples[best].id, explanation };
}
