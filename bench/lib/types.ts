// The shape every benchmark module has, so modules written by other contexts plug into `pnpm bench`:
// a file `bench/<name>.bench.ts` exporting `default` (or `bench`) `{ name, run(ctx) => rows }`.
import type { ServerProcess } from '../../apps/server/test/support/process.ts';

export interface Baseline {
  /** What the figure is compared against, measured in the same run (e.g. `bare ws broadcast`). */
  name: string;
  value: number | null;
}

export interface Row {
  /** Table section, e.g. `live fan-out`. */
  group: string;
  /** What was measured, e.g. `delivered events/s, 10,000 subscribers`. */
  metric: string;
  value: number | null;
  unit: string;
  baseline?: Baseline;
  /** The goal in words, e.g. `≥ 0.5 × bare`; `pass` says whether this run met it. */
  goal?: string;
  pass?: boolean | null;
  /** `pending`: a hook waiting for another context; no figure is shown. */
  status?: 'measured' | 'pending' | 'failed';
  note?: string;
}

export interface Chart {
  /** File name under docs/bench/, e.g. `fanout-rate.svg`. */
  file: string;
  title: string;
  svg: string;
}

export interface Sizes {
  /** Subscriber counts for the live fan-out benchmark. */
  fanoutSubscribers: number[];
  /** Events committed per fan-out round. */
  fanoutEvents: number;
  /** Load-generator processes the subscribers are spread over. */
  loadProcesses: number;
  /** Commits in the commit→subscriber latency benchmark. */
  latencyCommits: number;
  /** Concurrent committing calls during a fan-out burst. */
  commitConcurrency: number;
}

export interface BenchContext {
  quick: boolean;
  sizes: Sizes;
  /** A fresh, migrated database on the benchmark's PostgreSQL (dropped at the end of the run). */
  freshDatabase(): Promise<string>;
  /** A real server process on that database (with `--cpu-prof` when the run profiles). */
  spawnServer(databaseUrl: string, env?: Record<string, string>, label?: string): Promise<ServerProcess>;
  /** Stops a server spawned by `spawnServer` (writing its CPU profile when profiling). */
  stopServer(s: ServerProcess): Promise<void>;
  chart(c: Chart): void;
  log(message: string): void;
  /** Extra command-line arguments after `--`, for modules with options of their own. */
  args: string[];
}

export interface BenchModule {
  name: string;
  /** Ids of pending hooks (bench/pending.ts) this module fills, so their placeholder rows disappear. */
  provides?: string[];
  run(ctx: BenchContext): Promise<Row[]>;
}
