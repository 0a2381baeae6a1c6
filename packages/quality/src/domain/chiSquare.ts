// Pearson's chi-square goodness-of-fit test, for checking that the random draw is uniform.

/** Σ (observed − expected)² / expected. */
export function chiSquareStatistic(observed: readonly number[], expected: readonly number[]): number {
  if (observed.length !== expected.length || observed.length === 0) throw new RangeError('observed and expected must have the same, non-zero length');
  let x = 0;
  for (let i = 0; i < observed.length; i++) {
    if (!(expected[i] > 0)) throw new RangeError('every expected count must be positive');
    const d = observed[i] - expected[i];
    x += (d * d) / expected[i];
  }
  return x;
}

/** ln Γ(x) (Lanczos approximation, ~15 significant digits). */
export function lnGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularised upper incomplete gamma function Q(s, x) = Γ(s, x) / Γ(s). */
export function gammaQ(s: number, x: number): number {
  if (x < 0 || s <= 0) throw new RangeError('gammaQ needs s > 0 and x ≥ 0');
  if (x === 0) return 1;
  if (x < s + 1) {
    // Series for P, then Q = 1 − P.
    let sum = 1 / s;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (s + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + s * Math.log(x) - lnGamma(s));
  }
  // Continued fraction for Q (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + s * Math.log(x) - lnGamma(s)) * h;
}

/** P(X ≥ statistic) for a chi-square variable with `df` degrees of freedom. */
export function chiSquarePValue(statistic: number, df: number): number {
  if (!(df > 0)) throw new RangeError('degrees of freedom must be positive');
  return gammaQ(df / 2, Math.max(0, statistic) / 2);
}

/** Goodness of fit of observed counts to a uniform distribution over their categories. */
export function uniformityTest(observed: readonly number[]) {
  const n = observed.reduce((a, b) => a + b, 0);
  const expected = observed.map(() => n / observed.length);
  const statistic = chiSquareStatistic(observed, expected);
  const df = observed.length - 1;
  return { statistic, df, pValue: chiSquarePValue(statistic, df) };
}
