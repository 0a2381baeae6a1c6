// The normal samples in columns (typed arrays), built once per pool: steps then read plain numbers by
// index instead of chasing many differently-shaped objects, which is what keeps 100,000 samples fast.
import type { NormalSample } from './language.ts';

export class SamplePool {
  readonly size: number;
  readonly ids: string[];
  /** Position of each id in sorted order: ties are broken by id without comparing strings. */
  readonly rank: Int32Array;
  readonly busy: Uint8Array;
  readonly completed: Float64Array;
  readonly failed: Float64Array;
  readonly noShows: Float64Array;
  readonly faultFindings: Float64Array;
  readonly reviews: Float64Array;
  readonly load: Float64Array;
  /** Mean of every known trait, NaN when the sample has none. */
  readonly traitMean: Float64Array;
  private readonly traitColumns = new Map<string, Float64Array>();
  private work: { totals: Float64Array; scratch: Float64Array; idx: Int32Array } | null = null;

  private constructor(private readonly samples: readonly NormalSample[]) {
    const n = (this.size = samples.length);
    this.ids = new Array(n);
    this.busy = new Uint8Array(n);
    this.completed = new Float64Array(n);
    this.failed = new Float64Array(n);
    this.noShows = new Float64Array(n);
    this.faultFindings = new Float64Array(n);
    this.reviews = new Float64Array(n);
    this.load = new Float64Array(n);
    this.traitMean = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = samples[i];
      this.ids[i] = s.id;
      this.busy[i] = s.busy ? 1 : 0;
      this.completed[i] = s.completed;
      this.failed[i] = s.failed;
      this.noShows[i] = s.noShows;
      this.faultFindings[i] = s.faultFindings;
      this.reviews[i] = s.reviews;
      this.load[i] = s.load;
      let sum = 0;
      let count = 0;
      for (const k in s.traits) {
        sum += s.traits[k];
        count++;
      }
      this.traitMean[i] = count === 0 ? Number.NaN : sum / count;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (this.ids[a] < this.ids[b] ? -1 : this.ids[a] > this.ids[b] ? 1 : 0));
    this.rank = new Int32Array(n);
    for (let r = 0; r < n; r++) this.rank[order[r]] = r;
  }

  static of(samples: readonly NormalSample[] | SamplePool): SamplePool {
    return samples instanceof SamplePool ? samples : new SamplePool(samples);
  }

  /** One trait as a column (NaN where unknown), built on first use and kept. */
  trait(name: string): Float64Array {
    let col = this.traitColumns.get(name);
    if (!col) {
      col = new Float64Array(this.size);
      for (let i = 0; i < this.size; i++) {
        const v = this.samples[i].traits[name];
        col[i] = typeof v === 'number' ? v : Number.NaN;
      }
      this.traitColumns.set(name, col);
    }
    return col;
  }

  /**
   * Working buffers for one run, reused by the next: a run is synchronous, so no two overlap, and
   * not allocating ~2 MB per match keeps the garbage collector out of the tail latency.
   */
  buffers() {
    this.work ??= { totals: new Float64Array(this.size), scratch: new Float64Array(this.size), idx: new Int32Array(this.size) };
    return this.work;
  }

  sample(i: number): NormalSample {
    return this.samples[i];
  }
}
