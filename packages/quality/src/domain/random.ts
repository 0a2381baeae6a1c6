// Drawing at random: a seedable generator and the uniform pick the review draw uses.

/** A random number in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast, seedable generator (good enough for drawing and tests, not for secrets). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniformly drawn position among `count` eligible items (0-based), or null when there are none.
 * The draw path reads the eligible set in a fixed order and takes the item at this offset, so every
 * eligible order has the same chance 1/count.
 */
export function drawIndex(count: number, rng: Rng): number | null {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a whole number ≥ 0');
  if (count === 0) return null;
  const r = rng();
  if (!(r >= 0 && r < 1)) throw new RangeError('the generator must give numbers in [0, 1)');
  return Math.min(count - 1, Math.floor(r * count));
}

/** Draws one item uniformly from a list (what `drawIndex` does, over an array). */
export function drawOne<T>(items: readonly T[], rng: Rng): T | null {
  const i = drawIndex(items.length, rng);
  return i === null ? null : items[i];
}
