// Hiring flood: a real server process (MCF_TRUST_PROXY=1, so X-Forwarded-For names the address) takes
// a flood of junk `hiring.apply` requests from a few addresses (apps/server/test/hiring/flood-client.mjs
// in its own process, as the flood test runs it; every 50th request claims a 20 MB body it never
// sends) while honest applicants, each from an address of its own, run challenge → proof of work →
// apply every 100 ms. Measured: the flood's offered rate and the share refused (429, or 413 for the
// claimed bodies), every honest application accepted and its latency, the server's RSS during the
// flood, and how long ranking a population of scored applicants takes (`hiring.distribution`,
// `hiring.decide`). Baseline for the rate and the memory: a bare `node:http` server that answers 429
// to everything (bench/lib/bare-refuser.mjs), flooded by the same client for the same time.
//
//   pnpm bench -- --only=hiring [--flood-ms=8000] [--population=20000]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKysely, createPool } from '@mcf/db';
import { solveChallenge } from '@mcf/hiring';
import { makeClient } from '../apps/server/test/support/client.ts';
import { tinyPng } from '../apps/server/test/hiring/support.ts';
import { ADMIN } from './targets.ts';
import { now, rssOf, sleep, summarise } from './lib/stats.ts';
import type { BenchContext, BenchModule, Row } from './lib/types.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const floodClient = path.resolve(benchDir, '../apps/server/test/hiring/flood-client.mjs');
const bareRefuser = path.join(benchDir, 'lib/bare-refuser.mjs');

/** The flood test's server settings (apps/server/test/hiring/flood.test.ts): cheap proofs for the
 * honest applicants (8 bits: solving stays off the measured path), one job at a time, a longer queue. */
const SERVER_ENV = { MCF_TRUST_PROXY: '1', MCF_HIRING_POW_BITS: '8', MCF_JOB_CONCURRENCY: '1', MCF_HIRING_QUEUE_WAIT_MS: '20000', MCF_HIRING_MAX_QUEUE: '64' };
const FLOOD_ADDRESSES = '10.66.0.1,10.66.0.2,10.66.0.3,10.66.0.4';
const FLOOD_CONCURRENCY = 96;
const HONEST_EVERY_MS = 100;

interface FloodResult {
  sent: number;
  applications: number;
  seconds: number;
  statuses: Record<string, number>;
}

const option = (ctx: BenchContext, name: string) => ctx.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** CPU time a process has used, in ms (utime + stime, clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};

function flood(target: string, ms: number): Promise<FloodResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [floodClient], {
      env: { ...process.env, TARGET: target, MS: String(ms), ADDRESSES: FLOOD_ADDRESSES, CONCURRENCY: String(FLOOD_CONCURRENCY) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    const kill = setTimeout(() => child.kill('SIGKILL'), ms + 30_000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`flood client exited with ${code}`));
    });
  });
}

/** Samples a process's RSS every 200 ms; `stop()` gives the first sample and the peak, in bytes. */
function rssSampler(pid: number) {
  let first: number | null = null;
  let peak = 0;
  const take = () =>
    rssOf(pid).then(
      (r) => ((first ??= r), (peak = Math.max(peak, r))),
      () => undefined,
    );
  void take();
  const t = setInterval(take, 200);
  return {
    async stop() {
      clearInterval(t);
      await take();
      return { before: first ?? peak, peak };
    },
  };
}

let honestSeq = 0;
/** Applies like the web page, from an address of its own; `ms` = challenge + apply round trips (the proof's solve time left out). */
async function honestApplicant(url: string) {
  const i = honestSeq++;
  const headers = { 'content-type': 'application/json', 'x-forwarded-for': `192.0.${2 + ((i >> 8) & 63)}.${(i & 255) + 1}` };
  const t0 = now();
  const ch = await fetch(`${url}/trpc/hiring.challenge`, { headers });
  if (ch.status !== 200) return { ok: false, status: ch.status, ms: now() - t0, why: (await ch.text()).slice(0, 200) };
  const { challenge, bits } = (await ch.json()).result.data;
  const tSolve = now();
  const nonce = solveChallenge(challenge, bits);
  const solveMs = now() - tSolve;
  const body = JSON.stringify({ name: `Honest ${i}`, age: 2 + (i % 10), breed: 'Maine Coon', coatColor: 'tabby', contact: `honest${i}.${randomUUID().slice(0, 8)}@cats.example`, photo: tinyPng, proof: { challenge, nonce } });
  const res = await fetch(`${url}/trpc/hiring.apply`, { method: 'POST', headers, body });
  const text = await res.text();
  return { ok: res.status === 200, status: res.status, ms: now() - t0 - solveMs, why: res.status === 200 ? '' : text.slice(0, 200) };
}

/** The flood against the MCF server with honest applicants meanwhile. */
async function mcfFlood(ctx: BenchContext, url: string, pid: number, ms: number) {
  const admin = makeClient(url, (await makeClient(url).accounts.login.mutate(ADMIN)).token);
  const stats0 = await admin.hiring.admissionStats.query();
  const rss = rssSampler(pid);
  await sleep(400); // a first sample before the flood
  const cpu0 = cpuMs(pid);
  const running = flood(url, ms);
  await sleep(300); // let the flood ramp up first
  const honest: ReturnType<typeof honestApplicant>[] = [];
  const trickle = setInterval(() => honest.push(honestApplicant(url).catch((e) => ({ ok: false, status: -1, ms: 0, why: String(e) }))), HONEST_EVERY_MS);
  const f = await running;
  clearInterval(trickle);
  const results = await Promise.all(honest);
  const serverCpuMs = cpuMs(pid) - cpu0;
  const mem = await rss.stop();
  const stats1 = await admin.hiring.admissionStats.query();
  const failures = results.filter((r) => !r.ok);
  if (failures.length) ctx.log(`  ${failures.length} honest applications failed: ${[...new Set(failures.map((r) => `${r.status} ${r.why}`))].slice(0, 3).join(' | ')}`);
  return {
    f,
    honest: { sent: results.length, ok: results.length - failures.length, lat: summarise(results.filter((r) => r.ok).map((r) => r.ms)) },
    mem,
    serverCpuMs,
    refusedAtGate: stats1.refusedAtGate - stats0.refusedAtGate,
    refusedInProcedure: stats1.refusedInProcedure - stats0.refusedInProcedure,
  };
}

/** The same flood against the bare refuser, in its own process. */
async function bareFlood(ms: number) {
  const child = spawn(process.execPath, [bareRefuser], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b) => {
        out += b;
        const m = out.match(/\{"port":(\d+)\}/);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (c) => reject(new Error(`bare refuser exited with ${c}`)));
    });
    const rss = rssSampler(child.pid!);
    await sleep(400);
    const f = await flood(`http://127.0.0.1:${port}`, ms);
    return { f, mem: await rss.stop() };
  } finally {
    child.kill('SIGTERM');
  }
}

/** `n` scored applicants straight into the store (as decide.test.ts does), traits spread over [-1, 1]. */
async function seedPopulation(databaseUrl: string, n: number) {
  const pool = createPool(databaseUrl, { max: 1 });
  const db = createKysely<any>(pool);
  const traits = ['reflexes', 'patience', 'problemSolving', 'speed', 'friendliness', 'tidiness', 'curiosity'];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  const ids: string[] = [];
  try {
    for (let k = 0; k < n; k += 1000) {
      const rows = Array.from({ length: Math.min(1000, n - k) }, (_, j) => {
        const id = randomUUID();
        ids.push(id);
        return {
          id,
          name: `Ranked ${k + j}`,
          age: 2 + ((k + j) % 12),
          breed: 'Siamese',
          coat_color: 'cream',
          contact: `${id}@cats.example`,
          contact_key: `e:${id}`,
          status: 'testing',
          address: '198.51.100.1',
          traits: JSON.stringify(Object.fromEntries(traits.map((t) => [t, Math.round(rnd() * 1000) / 1000]))),
          scored_at: new Date(),
        };
      });
      await db.withSchema('hiring').insertInto('application').values(rows).execute();
    }
  } finally {
    await pool.end();
  }
  return ids;
}

async function timeRanking(url: string, databaseUrl: string, population: number) {
  const ids = await seedPopulation(databaseUrl, population);
  const admin = makeClient(url, (await makeClient(url).accounts.login.mutate(ADMIN)).token);
  await admin.hiring.distribution.query({}); // warm-up
  const dist: number[] = [];
  let passCount = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = now();
    const d = await admin.hiring.distribution.query({});
    dist.push(now() - t0);
    passCount = d.passCount;
  }
  const decide: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = now();
    await admin.hiring.decide.mutate({ applicationId: ids[(i * 7919) % ids.length] });
    decide.push(now() - t0);
  }
  return { distribution: summarise(dist).p50, decide: summarise(decide).p50, passCount };
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');

const hiringFlood: BenchModule = {
  name: 'hiring flood',
  provides: ['hiring-flood'],
  async run(ctx) {
    const floodMs = Number(option(ctx, 'flood-ms') ?? (ctx.quick ? 3000 : 10_000));
    const population = Number(option(ctx, 'population') ?? (ctx.quick ? 2000 : 20_000));
    const t0 = Date.now();
    const databaseUrl = await ctx.freshDatabase();
    const server = await ctx.spawnServer(databaseUrl, SERVER_ENV, 'hiring-flood');
    let mcf: Awaited<ReturnType<typeof mcfFlood>>;
    let ranking: Awaited<ReturnType<typeof timeRanking>> | null = null;
    try {
      ctx.log(`hiring flood: ${floodMs / 1000} s from ${FLOOD_ADDRESSES.split(',').length} addresses (${FLOOD_CONCURRENCY} connections), an honest applicant every ${HONEST_EVERY_MS} ms`);
      mcf = await mcfFlood(ctx, server.url, server.pid, floodMs);
      ctx.log(`  mcf: ${JSON.stringify({ ...mcf.f, honest: { sent: mcf.honest.sent, ok: mcf.honest.ok } })}`);
      if (server.child.exitCode !== null) throw new Error(`the server exited during the flood:\n${server.output().slice(-2000)}`);
      ctx.log(`ranking: ${n(population)} scored applicants`);
      ranking = await timeRanking(server.url, databaseUrl, population);
    } finally {
      await ctx.stopServer(server);
    }
    const bare = await bareFlood(floodMs);
    ctx.log(`  bare: ${JSON.stringify(bare.f)}; hiring flood took ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const rate = (f: FloodResult) => f.sent / f.seconds;
    const refused = (f: FloodResult) => (f.statuses['429'] ?? 0) + (f.statuses['413'] ?? 0);
    const other = Object.entries(mcf.f.statuses).filter(([s]) => s !== '429' && s !== '413');
    const allHonest = mcf.honest.sent > 0 && mcf.honest.ok === mcf.honest.sent;
    const MiB = 2 ** 20;
    const rows: Row[] = [
      {
        group: 'hiring',
        metric: `flood: junk applications/s offered (${FLOOD_ADDRESSES.split(',').length} addresses, ${FLOOD_CONCURRENCY} connections)`,
        value: rate(mcf.f),
        unit: '/s',
        baseline: { name: 'bare node:http answering 429', value: rate(bare.f) },
        note: `${n(mcf.f.sent)} requests in ${mcf.f.seconds.toFixed(1)} s, one client process, honest applicants meanwhile; server CPU ${((mcf.serverCpuMs * 1000) / mcf.f.sent).toFixed(0)} µs per flood request (≈ ${n(mcf.f.sent / (mcf.serverCpuMs / 1000))} refusals per core-second)`,
      },
      {
        group: 'hiring',
        metric: 'flood: share refused (429 / 413)',
        value: (refused(mcf.f) / mcf.f.sent) * 100,
        unit: '%',
        goal: '≥ 95 %, no 200/500',
        pass: refused(mcf.f) / mcf.f.sent >= 0.95 && !mcf.f.statuses['200'] && !mcf.f.statuses['500'],
        note: `${n(mcf.f.statuses['429'] ?? 0)} × 429, ${n(mcf.f.statuses['413'] ?? 0)} × 413 (claimed 20 MB bodies)${other.length ? `, ${other.map(([s, c]) => `${c} × ${s}`).join(', ')}` : ''}; admission counters: ${n(mcf.refusedAtGate)} refused at the HTTP gate (before the body is read), ${n(mcf.refusedInProcedure)} in the procedure`,
      },
      {
        group: 'hiring',
        metric: 'honest applications accepted during the flood',
        value: mcf.honest.ok,
        unit: `of ${mcf.honest.sent}`,
        goal: 'all',
        pass: allHonest,
        status: allHonest ? 'measured' : 'failed',
        note: `challenge → proof of work (${SERVER_ENV.MCF_HIRING_POW_BITS} bits) → apply with a photo, each from its own address, every ${HONEST_EVERY_MS} ms`,
      },
      {
        group: 'hiring',
        metric: 'honest application latency p50 during the flood',
        value: mcf.honest.lat.p50,
        unit: 'ms',
        note: 'challenge + apply round trips, the client\'s solve time left out; no baseline (a bare server has no applications)',
      },
      { group: 'hiring', metric: 'honest application latency p99 during the flood', value: mcf.honest.lat.p99, unit: 'ms' },
      {
        group: 'hiring',
        metric: 'server RSS, peak during the flood',
        value: mcf.mem.peak / MiB,
        unit: 'MiB',
        baseline: { name: 'bare node:http refuser, same flood', value: bare.mem.peak / MiB },
        goal: '< 150 MiB growth',
        pass: mcf.mem.peak - mcf.mem.before < 150 * MiB,
        note: `${(mcf.mem.before / MiB).toFixed(0)} MiB before the flood → peak ${(mcf.mem.peak / MiB).toFixed(0)} MiB (+${((mcf.mem.peak - mcf.mem.before) / MiB).toFixed(0)}); bare: ${(bare.mem.before / MiB).toFixed(0)} → ${(bare.mem.peak / MiB).toFixed(0)} MiB`,
      },
    ];
    if (ranking) {
      rows.push(
        {
          group: 'hiring',
          metric: `ranking: hiring.distribution over ${n(population)} scored applicants, p50 of 3`,
          value: ranking.distribution,
          unit: 'ms',
          note: `the whole population read and scored, the top-3% cut-off and a histogram (${n(ranking.passCount)} pass); no baseline`,
        },
        {
          group: 'hiring',
          metric: `ranking: hiring.decide against ${n(population)} applicants, p50 of 3`,
          value: ranking.decide,
          unit: 'ms',
          note: 'one decision ranks the candidate against the whole population (and creates the worker account when accepted); no baseline',
        },
      );
    }
    return rows;
  },
};

export default hiringFlood;
