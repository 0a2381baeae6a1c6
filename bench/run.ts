// `pnpm bench`: runs every benchmark module in bench/ against real processes and a real PostgreSQL,
// prints a table and writes docs/benchmarks.md with SVG charts in docs/bench/.
//
//   pnpm bench                 full sizes (1,000 and 10,000 subscribers)
//   pnpm bench -- --quick      a short run (about a minute)
//   options: --only=<name,…>  --profile (server under node --cpu-prof, summary printed)
//            --subscribers=1000,10000  --events=N  --processes=P  --commits=N  --concurrency=C
//            --commit=api (fan-out commits through the public API)  --targets=accounts,orders,odds (fan-out)
//            --server-env=K=V  --no-write
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnServer, type ServerProcess } from '../apps/server/test/support/process.ts';
import { openBenchDatabase } from './lib/database.ts';
import { summariseProfile } from './lib/profile.ts';
import { fmt } from './lib/stats.ts';
import type { BenchContext, BenchModule, Chart, Row, Sizes } from './lib/types.ts';
import { pendingHooks } from './pending.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const argv = process.argv.slice(2).filter((a) => a !== '--');
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = flag('quick');
/** `--server-env=K=V` (repeatable): environment for every server process, e.g. MCF_WS_BATCHING=off. */
const serverEnv = Object.fromEntries(argv.filter((a) => a.startsWith('--server-env=')).map((a) => a.slice('--server-env='.length).split(/=(.*)/s).slice(0, 2)));
const profile = flag('profile');

const sizes: Sizes = {
  fanoutSubscribers: (option('subscribers') ?? (quick ? '250,1000' : '1000,10000')).split(',').map(Number),
  fanoutEvents: Number(option('events') ?? (quick ? 10 : 30)),
  loadProcesses: Number(option('processes') ?? 4),
  latencyCommits: Number(option('commits') ?? (quick ? 50 : 300)),
  commitConcurrency: Number(option('concurrency') ?? 4),
};

const log = (m: string) => process.stdout.write(`[bench] ${m}\n`);

/** Modules: every bench/*.bench.ts, plus the files other contexts were asked for by name. */
async function discover(): Promise<BenchModule[]> {
  const named = ['matching.ts', 'odds-fanout.ts', 'hiring-flood.ts'];
  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts') || named.includes(f))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const mods: BenchModule[] = [];
  for (const f of files) {
    // The agreed names may still hold a stand-alone script that runs on import: load only modules.
    if (!f.endsWith('.bench.ts') && !/export\s+(default|const\s+bench\b)/.test(readFileSync(path.join(benchDir, f), 'utf8'))) {
      log(`skipping bench/${f}: a stand-alone script, not a module (no \`export default { name, run }\`)`);
      continue;
    }
    const m = await import(pathToFileURL(path.join(benchDir, f)).href);
    const mod = (m.default ?? m.bench) as BenchModule | undefined;
    if (!mod || typeof mod.run !== 'function' || typeof mod.name !== 'string') {
      log(`skipping bench/${f}: it does not export { name, run(ctx) } as default or \`bench\``);
      continue;
    }
    mods.push(mod);
  }
  const only = option('only')?.split(',');
  return only ? mods.filter((m) => only.some((o) => m.name.includes(o))) : mods;
}
const order = (f: string) => (f.startsWith('latency') ? 0 : f.startsWith('fanout') ? 1 : 2);

function table(rows: Row[]) {
  const head = ['group', 'metric', 'MCF', 'baseline', 'ratio', 'goal', 'met'];
  const lines = rows.map((r) => {
    if (r.status === 'pending') return [r.group, r.metric, r.note ?? 'pending', '', '', '', ''];
    const ratio = r.value !== null && r.baseline?.value ? r.value / r.baseline.value : null;
    return [
      r.group,
      r.metric,
      r.status === 'failed' && r.value === null ? 'FAILED' : fmt(r.value, r.unit),
      r.baseline ? `${fmt(r.baseline.value, r.unit)} (${r.baseline.name})` : '',
      ratio === null ? '' : `${ratio.toFixed(2)}×`,
      r.goal ?? '',
      r.pass === undefined || r.pass === null ? '' : r.pass ? 'yes' : 'NO',
    ];
  });
  return { head, lines };
}

function printTable(rows: Row[]) {
  const { head, lines } = table(rows);
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...lines.map((l) => l[i].length))));
  const fmtLine = (l: string[]) => l.map((c, i) => c.slice(0, 60).padEnd(widths[i])).join(' │ ');
  process.stdout.write('\n' + fmtLine(head) + '\n' + widths.map((w) => '─'.repeat(w)).join('─┼─') + '\n');
  for (const l of lines) process.stdout.write(fmtLine(l) + '\n');
  process.stdout.write('\n');
}

function markdown(rows: Row[], charts: Chart[], meta: Record<string, string>, profiles: string[]) {
  const { lines } = table(rows);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push('Generated by `pnpm bench` (bench/run.ts); the hand-written findings at the end come from `bench/findings.md`.', '');
  out.push('## This run', '');
  for (const [k, v] of Object.entries(meta)) out.push(`- **${k}:** ${v}`);
  out.push('');
  out.push('## Figures', '');
  out.push('Every figure is paired with its baseline measured in the same run, on the same machine and clock.', '');
  out.push('| group | metric | MCF | baseline | ratio | goal | met | notes |', '|---|---|---|---|---|---|---|---|');
  rows.forEach((r, i) => {
    const l = lines[i];
    out.push(`| ${l.map(esc).join(' | ')} | ${esc(r.status === 'pending' ? '' : (r.note ?? ''))} |`);
  });
  out.push('');
  if (charts.length) {
    out.push('## Charts', '');
    for (const c of charts) out.push(`![${c.title}](bench/${c.file})`, '');
  }
  out.push('## How it is measured', '');
  out.push(
    '- **Processes.** The server under test is a real server process (`apps/server/src/main.ts`, started like `spawnServer` in the tests) on a fresh database; subscribers live in separate load-generator processes (`bench/lib/loadgen.ts`, up to 4 × N/4 sockets) speaking tRPC\'s WebSocket protocol by hand, so no per-socket tRPC client burns the load generator\'s CPU. The bare baseline is a `ws` server in its own process (`bench/lib/bare-server.ts`) that serialises the same message once and sends it to every socket; the same load generators receive it.',
    '- **Clock.** Every timestamp is `performance.timeOrigin + performance.now()` on the same machine: commit time is when the committing call returned (or, for the outbox and NOTIFY rows, when `COMMIT` returned), receipt time is when the load generator\'s socket handed over the message. Commit and receipt are joined on a key inside the payload (`accountId` for `accounts.onAccounts`; the event\'s `at`, unique per commit, for `orders.onStatus` and `betting.onOdds`, whose payloads hold no other per-event string).',
    '- **Fan-out rate** = deliveries / (last receipt − start of the burst); a burst of `events` commits (4 concurrent calls). Every subscriber must get every event exactly once (checked per event); a round with gaps or duplicates is marked FAILED.',
    '- **Latency** (commit→subscriber) commits one event at a time, 20 ms apart, to 10 subscribers; the baseline is `select pg_notify()` in a committed transaction received by a `LISTEN`ing connection in another process.',
    '- **Memory per idle subscriber** = (server RSS with N subscribers started − RSS before) / N, read from /proc 2 s after the last subscriber started; the baseline is the same for the bare `ws` server.',
    '- **Pending hooks** are placeholders for benchmarks of contexts not merged yet; a module `bench/<name>.bench.ts` exporting `{ name, provides: [hook id], run(ctx) => rows }` replaces them (see `bench/lib/types.ts`). The fan-out runs for each target in `bench/targets.ts` (`accounts.onAccounts`, `orders.onStatus`, `betting.onOdds`; `--targets=accounts,orders,odds`, with `--quick` orders only).',
    '',
  );
  if (profiles.length) {
    out.push('## CPU profile of the server in this run', '', '```', ...profiles, '```', '');
  }
  const findings = path.join(benchDir, 'findings.md');
  if (existsSync(findings)) out.push(readFileSync(findings, 'utf8').trim(), '');
  return out.join('\n');
}

async function main() {
  const started = new Date();
  log(`${quick ? 'quick' : 'full'} run: ${JSON.stringify(sizes)}`);
  const database = await openBenchDatabase(log);
  log(`${database.where}, PostgreSQL ${database.version}`);
  const charts: Chart[] = [];
  const profiles: string[] = [];
  const spawned = new Map<ServerProcess, string>();
  let profileSeq = 0;
  const ctx: BenchContext = {
    quick,
    sizes,
    args: argv,
    freshDatabase: () => database.fresh(),
    async spawnServer(databaseUrl, env = {}, label = 'server') {
      const dir = path.join(root, '.bench/prof', `${label}-${++profileSeq}`);
      const s = await spawnServer(databaseUrl, { MCF_DB_POOL_SIZE: '20', ...serverEnv, ...env }, { nodeArgs: ['--expose-gc', ...(profile ? ['--cpu-prof', '--cpu-prof-dir', dir] : [])] });
      spawned.set(s, dir);
      return s;
    },
    async stopServer(s) {
      const dir = spawned.get(s);
      spawned.delete(s);
      await s.stop();
      if (profile && dir && existsSync(dir)) {
        for (const f of readdirSync(dir).filter((x) => x.endsWith('.cpuprofile'))) {
          const summary = summariseProfile(path.join(dir, f));
          profiles.push(summary);
          writeFileSync(path.join(dir, 'summary.txt'), summary + '\n');
          log(summary);
        }
      }
    },
    chart: (c) => charts.push(c),
    log,
  };

  const modules = await discover();
  const rows: Row[] = [];
  const provided = new Set<string>();
  try {
    for (const m of modules) {
      log(`── ${m.name}`);
      for (const p of m.provides ?? []) provided.add(p);
      try {
        rows.push(...(await m.run(ctx)));
      } catch (e) {
        log(`${m.name} failed: ${(e as Error).stack ?? e}`);
        rows.push({ group: m.name, metric: 'the benchmark itself', value: null, unit: '', status: 'failed', note: String((e as Error).message ?? e).slice(0, 200) });
      }
    }
  } finally {
    for (const s of spawned.keys()) await s.kill9();
    await database.close();
  }
  for (const h of pendingHooks) if (!provided.has(h.id)) rows.push({ group: h.group, metric: h.metric, value: null, unit: '', status: 'pending', note: `${h.waitsFor} (${h.module})` });

  printTable(rows);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const meta = {
    command: `\`pnpm bench${argv.length ? ' -- ' + argv.join(' ') : ''}\``,
    date: started.toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: `${os.cpus().length} cores (\`nproc\`), ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}`,
    software: `Node ${process.version}, PostgreSQL ${database.version} (${database.where})`,
    sizes: `${quick ? 'quick' : 'full'}: ${sizes.fanoutSubscribers.map((x) => x.toLocaleString('en-US')).join(' and ')} subscribers over ${sizes.loadProcesses} load-generator processes, ${sizes.fanoutEvents} events per fan-out round, ${sizes.latencyCommits} latency commits`,
    duration: `${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`,
  };
  if (!flag('no-write')) {
    const docs = path.join(root, 'docs');
    mkdirSync(path.join(docs, 'bench'), { recursive: true });
    for (const c of charts) writeFileSync(path.join(docs, 'bench', c.file), c.svg);
    writeFileSync(path.join(docs, 'bench', 'results.json'), JSON.stringify({ meta, sizes, rows }, null, 2) + '\n');
    writeFileSync(path.join(docs, 'benchmarks.md'), markdown(rows, charts, meta, profiles));
    log('wrote docs/benchmarks.md and docs/bench/');
  }
  const failed = rows.filter((r) => r.status === 'failed');
  if (failed.length) {
    log(`${failed.length} benchmark(s) failed`);
    process.exitCode = 1;
  }
}

await main();
