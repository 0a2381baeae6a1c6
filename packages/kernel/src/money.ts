// Money is an integer count of hundredths of a cat-unit (CU). Never floats in storage or sums.
export type Cents = number;

export const CENTS_PER_CU = 100;

export function cu(units: number): Cents {
  return Math.round(units * CENTS_PER_CU);
}

export function assertCents(value: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number of cents`);
  return value;
}

/** `amount × numerator / denominator`, rounded half away from zero, in integer arithmetic. */
export function mulDiv(amount: Cents, numerator: number, denominator: number): Cents {
  const n = BigInt(amount) * BigInt(numerator);
  const d = BigInt(denominator);
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = twice >= (d < 0n ? -d : d) ? (n < 0n !== d < 0n ? -1n : 1n) : 0n;
  return Number(q + away);
}

/** A percentage of an amount, rounded to the cent (half away from zero). `percent` may be fractional to 2 places. */
export function percentOf(amount: Cents, percent: number): Cents {
  return mulDiv(amount, Math.round(percent * 100), 10_000);
}

/**
 * Splits `total` among `weights` in proportion, to the cent, so that the parts add up to `total`
 * exactly. Largest-remainder rule: everyone first gets the floor of its exact share; the cents left
 * over go one each to the largest fractional remainders, ties broken by the order given. No share is
 * ever off its exact value by a cent or more, and no one is favoured by position beyond a tie.
 */
export function allocateProportionally(total: Cents, weights: readonly number[]): Cents[] {
  assertCents(total, 'total');
  if (total < 0) throw new RangeError('total must not be negative');
  const sum = weights.reduce((a, w) => a + BigInt(assertCents(w, 'weight')), 0n);
  if (weights.some((w) => w < 0)) throw new RangeError('weights must not be negative');
  if (sum === 0n) throw new RangeError('weights must not all be zero');
  const t = BigInt(total);
  const shares = weights.map((w) => (t * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % sum }));
  let left = Number(t - shares.reduce((a, s) => a + s, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i] += 1n;
    left--;
  }
  return shares.map(Number);
}

export function formatCu(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} CU`;
}
