// Matching benchmark: one reference sample against 100,000 normal samples, default pipeline and a
// longer one with trait steps and a shortlist. Prints p50/p99 per run (target p99 < 20 ms).
// Run: node --import tsx bench/matching.ts [samples] [runs]   (also a module of `pnpm bench`)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { BenchModule, Row } from './lib/types.ts';
import { runPipeline } from '../packages/orders/src/matching/pipeline.ts';
import { DEFAULT_PIPELINE } from '../packages/orders/src/matching/config.ts';
import { toNormal, type WorkerFacts } from '../packages/orders/src/matching/boundary.ts';
import type { NormalSample, PipelineConfig } from '../packages/orders/src/matching/language.ts';
import { SamplePool } from '../packages/orders/src/matching/pool.ts';

const TRAITS = ['agility', 'patience', 'strength', 'curiosity', 'stealth'];

function roster(n: number): WorkerFacts[] {
  // A seeded generator, so every run measures the same pool.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => {
  const traits: Record<string, number> = {};
  for (const t of TRAITS) if (rnd() < 0.7) traits[t] = Math.round((rnd() * 2 - 1) * 100) / 100;
  return {
    workerId: `w${String(i).padStart(7, '0')}`,
    traits,
    busyAtBookedTime: rnd() < 0.2,
    completedOrders: Math.floor(rnd() * 200),
    failedOrders: Math.floor(rnd() * 10),
    noShows: Math.floor(rnd() * 3),
    faultFindings: Math.floor(rnd() * 3),
    reviews: Math.floor(rnd() * 6),
    activeOrders: Math.floor(rnd() * 4),
  };
  });
}

const LONG: PipelineConfig = {
  steps: [
    ...DEFAULT_PIPELINE.steps,
    { name: 'no-serial-no-shows', kind: 'maxNoShows', params: { max: 1 } },
    { name: 'agile', kind: 'trait', weight: 2, params: { trait: 'agility' } },
    { name: 'experience', kind: 'experience', weight: 1 },
    { name: 'top-100', kind: 'shortlist', params: { size: 100 } },
    { name: 'patient', kind: 'trait', weight: 3, params: { trait: 'patience' } },
  ],
};

// Wall time is what a caller waits; CPU time (this process) is what the work costs when the machine
// is shared and the scheduler preempts us (wall p99 then measures the neighbours, not the code).
interface Figure {
  label: string;
  wall: { p50: number; p99: number };
  cpu: { p50: number; p99: number };
}

function measure(label: string, runs: number, fn: (i: number) => void): Figure {
  for (let i = 0; i < 20; i++) fn(i); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const s = performance.now();
    fn(i);
    wall.push(performance.now() - s);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const q = (t: number[], p: number) => [...t].sort((a, b) => a - b)[Math.min(t.length - 1, Math.floor(p * t.length))];
  return { label, wall: { p50: q(wall, 0.5), p99: q(wall, 0.99) }, cpu: { p50: q(cpu, 0.5), p99: q(cpu, 0.99) } };
}

const ref = (i: number) => ({ id: `order-${i}`, kind: 'poke', at: Date.parse('2026-01-05T10:00:00Z'), avoid: [`w${String(i).padStart(7, '0')}`] });

export function measureMatching(n: number, runs: number): Figure[] {
  const samples: NormalSample[] = roster(n).map(toNormal);
  // The pool (columns) is built once per roster and reused for every order, as a resident matcher would.
  const pool = SamplePool.of(samples);
  return [
    measure('default pipeline (6 steps)', runs, (i) => runPipeline(ref(i), pool, DEFAULT_PIPELINE, 1)),
    measure('longer pipeline (11 steps, shortlist 100)', runs, (i) => runPipeline(ref(i), pool, LONG, 2)),
    // For scale: what it costs to rebuild the columns per order.
    measure('default, pool rebuilt from samples per order', runs, (i) => runPipeline(ref(i), samples, DEFAULT_PIPELINE, 1)),
  ];
}

const TARGET_MS = 20;

/** `pnpm bench` module: fills the `matching-100k` row. */
const bench: BenchModule = {
  name: 'matching',
  provides: ['matching-100k'],
  async run(ctx) {
    const n = 100_000;
    const figures = measureMatching(n, ctx.quick ? 50 : 200);
    ctx.log(`matching over ${n.toLocaleString('en')} workers measured`);
    return figures.flatMap((f, k): Row[] => [
      { group: 'orders', metric: `matching over 100,000 workers, ${f.label}: wall p99`, value: f.wall.p99, unit: 'ms', ...(k === 0 ? { goal: `p99 < ${TARGET_MS} ms`, pass: f.wall.p99 < TARGET_MS } : {}), note: `p50 ${f.wall.p50.toFixed(2)} ms` },
      { group: 'orders', metric: `matching over 100,000 workers, ${f.label}: CPU p99`, value: f.cpu.p99, unit: 'ms', note: `p50 ${f.cpu.p50.toFixed(2)} ms; CPU time excludes being preempted on a shared machine` },
    ]);
  },
};
export default bench;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 200);
  console.log(`matching over ${n.toLocaleString('en')} normal samples, ${runs} runs each (node ${process.version})`);
  const f2 = (x: number) => x.toFixed(2).padStart(7);
  for (const f of measureMatching(n, runs)) console.log(`${f.label.padEnd(46)} wall p50 ${f2(f.wall.p50)} p99 ${f2(f.wall.p99)} ms | cpu p50 ${f2(f.cpu.p50)} p99 ${f2(f.cpu.p99)} ms`);
}
