// The top-p% rule. A candidate passes when fewer than p% of the population scored strictly higher:
//   passes  ⇔  better × 100 < p × N      (N: everyone scored so far, the candidate included)
// Ties at the cut-off: candidates with equal scores are treated alike, so a tie at the boundary admits
// every tied candidate (the pass share may then exceed p% by the size of the tie). Nobody is rejected
// for the order in which equal candidates happened to apply. Scores are rounded (see scoring.ts) before
// comparison, so "equal" is exact and stable.
// Small populations: with N < 100/p even the best candidate is compared against few others; the rule
// still admits the top one(s). `minScore` (configuration) is an absolute floor on top of the rule.

export interface CutoffRule {
  /** 0 < percent ≤ 100, at most two decimals (3 means the top 3%). */
  percent: number;
  /** Absolute floor: a candidate below it fails even at the top of the population. */
  minScore?: number | null;
}

const hundredths = (percent: number) => Math.round(percent * 100);

/** `better` candidates scored strictly higher, out of `population` (the candidate included). */
export function passesByRank(better: number, population: number, percent: number): boolean {
  if (population <= 0 || better < 0 || better >= population) throw new RangeError('better must be within the population');
  return better * 10_000 < hundredths(percent) * population;
}

export function passes(scores: readonly number[], score: number, rule: CutoffRule): boolean {
  if (rule.minScore != null && score < rule.minScore) return false;
  let better = 0;
  let present = false;
  for (const s of scores) {
    if (s > score) better++;
    else if (s === score) present = true;
  }
  if (!present) throw new RangeError('the score must be one of the population');
  return passesByRank(better, scores.length, rule.percent);
}

export interface CutoffSummary {
  population: number;
  passCount: number;
  /** The lowest passing score (null when nobody passes). */
  cutoffScore: number | null;
  /** How many candidates share the cut-off score (the tie at the boundary). */
  tiedAtCutoff: number;
}

/** The whole population at once: who passes and where the line is. O(N log N). */
export function summarise(scores: readonly number[], rule: CutoffRule): CutoffSummary {
  const sorted = [...scores].sort((a, b) => b - a);
  let passCount = 0;
  let cutoffScore: number | null = null;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    // `i` candidates are strictly better than the group [i, j).
    const ok = passesByRank(i, sorted.length, rule.percent) && !(rule.minScore != null && sorted[i] < rule.minScore);
    if (!ok) break;
    passCount = j;
    cutoffScore = sorted[i];
    i = j;
  }
  const tiedAtCutoff = cutoffScore === null ? 0 : sorted.filter((s) => s === cutoffScore).length;
  return { population: sorted.length, passCount, cutoffScore, tiedAtCutoff };
}

export interface Bin {
  from: number;
  to: number;
  count: number;
}

/** A histogram of scores on −1..+1 (for the managers' chart). */
export function histogram(scores: readonly number[], bins = 20, lo = -1, hi = 1): Bin[] {
  const width = (hi - lo) / bins;
  const out: Bin[] = Array.from({ length: bins }, (_, k) => ({ from: round6(lo + k * width), to: round6(lo + (k + 1) * width), count: 0 }));
  for (const s of scores) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor((s - lo) / width)));
    out[k].count++;
  }
  return out;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
