// Floods against a real server process (spawnServer): a few addresses sending thousands of junk
// applications per second, then a spray from thousands of forged addresses (X-Forwarded-For with
// MCF_TRUST_PROXY=1), each for a few seconds, while a trickle of honest applicants from other
// addresses runs challenge → proof of work → apply. Every honest application must succeed, nothing
// crashes, memory stays bounded. The flood runs in its own process (flood-client.mjs). Prints the
// measured figures for docs/hiring.md.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '@mcf/hiring';
import { freshDatabase, spawnServer, type ServerProcess } from '../support/harness.ts';
import { tinyPng } from './support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const FLOOD_MS = Number(process.env.MCF_FLOOD_MS ?? 5000);
const HONEST_EVERY_MS = 100;

const rssMb = (pid: number) => {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
};

/** CPU time the process has used, in ms (utime + stime; clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};

let srv: ServerProcess;
beforeAll(async () => {
  // The queue wait is raised from 5 s: on the shared, oversubscribed test machine an honest insert can
  // itself wait seconds for CPU, and the default turned a few honest applications into "try again"
  // (429) during the spray (docs/hiring.md).
  srv = await spawnServer(await freshDatabase(), { MCF_TRUST_PROXY: '1', MCF_HIRING_POW_BITS: '8', MCF_JOB_CONCURRENCY: '1', MCF_HIRING_QUEUE_WAIT_MS: '20000', MCF_HIRING_MAX_QUEUE: '64' });
}, 60_000);
afterAll(async () => {
  await srv?.stop();
});

let honestSeq = 0;
async function honestApplicant() {
  const i = honestSeq++;
  const ip = `192.0.${2 + (i >> 8)}.${(i & 255) + 1}`;
  const headers = { 'content-type': 'application/json', 'x-forwarded-for': ip };
  const t0 = performance.now();
  const ch = await fetch(`${srv.url}/trpc/hiring.challenge`, { headers });
  if (ch.status !== 200) return { ok: false, status: ch.status, ms: performance.now() - t0, body: await ch.text() };
  const { challenge, bits } = (await ch.json()).result.data;
  const nonce = solveChallenge(challenge, bits);
  const body = JSON.stringify({ name: `Honest ${i}`, age: 2 + (i % 10), breed: 'Maine Coon', coatColor: 'tabby', contact: `honest${i}@cats.example`, photo: tinyPng, proof: { challenge, nonce } });
  const res = await fetch(`${srv.url}/trpc/hiring.apply`, { method: 'POST', headers, body });
  return { ok: res.status === 200, status: res.status, ms: performance.now() - t0, body: res.status === 200 ? '' : await res.text() };
}

function flood(env: Record<string, string>) {
  return new Promise<{ sent: number; applications: number; seconds: number; statuses: Record<string, number> }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'flood-client.mjs')], { env: { ...process.env, TARGET: srv.url, MS: String(FLOOD_MS), ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`flood client exited with ${code}`))));
  });
}

async function underFlood(env: Record<string, string>) {
  const pid = srv.child.pid!;
  const baseline = rssMb(pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  const cpu0 = cpuMs(pid);
  const honest: ReturnType<typeof honestApplicant>[] = [];
  const running = flood(env);
  await new Promise((r) => setTimeout(r, 300)); // let the flood ramp up first
  const trickle = setInterval(() => honest.push(honestApplicant()), HONEST_EVERY_MS);
  const f = await running;
  clearInterval(trickle);
  const results = await Promise.all(honest);
  clearInterval(sampler);
  const serverCpu = cpuMs(pid) - cpu0;
  const lat = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) => Math.round(lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]);
  const figures = {
    flood: { requests: f.sent, applications: f.applications, seconds: Math.round(f.seconds * 10) / 10, perSecond: Math.round(f.sent / f.seconds), applicationsPerSecond: Math.round(f.applications / f.seconds), statuses: f.statuses },
    honest: { sent: results.length, ok: results.filter((r) => r.ok).length, latencyMs: { p50: pct(50), p95: pct(95), max: pct(100) } },
    serverRssMb: { before: Math.round(baseline), peak: Math.round(peak) },
    // The server's own CPU per flood request (the honest work included): a load-independent figure;
    // 1 s / this = refusals one core could absorb.
    serverCpu: { ms: serverCpu, perFloodRequestUs: Math.round((serverCpu * 1000) / f.sent), refusalsPerCoreSecond: Math.round(f.sent / (serverCpu / 1000)) },
  };
  console.log(`[flood ${env.SPRAY === '1' ? 'spray' : env.BATCH ? `batches of ${env.BATCH}` : 'few addresses'}] ${JSON.stringify(figures)}`);
  return { f, results, baseline, peak };
}

describe('flood', () => {
  it('a few addresses flooding get TOO_MANY_REQUESTS; every honest applicant gets through', async () => {
    const { f, results, baseline, peak } = await underFlood({ ADDRESSES: '10.66.0.1,10.66.0.2,10.66.0.3,10.66.0.4', CONCURRENCY: '96' });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(Math.floor(FLOOD_MS / HONEST_EVERY_MS / 2));
    // A real flood even on a busy shared machine (measured figures: docs/hiring.md).
    expect(f.sent / f.seconds).toBeGreaterThan(100);
    // Only each address's burst reaches the procedure (and fails its proof); the rest is refused early.
    expect((f.statuses['429'] ?? 0) + (f.statuses['413'] ?? 0)).toBeGreaterThan(f.sent * 0.95);
    expect(f.statuses['200'] ?? 0).toBe(0);
    expect(f.statuses['500'] ?? 0).toBe(0);
    expect(f.statuses['-1'] ?? 0).toBe(0);
    expect(peak - baseline).toBeLessThan(150);
    expect((await fetch(`${srv.url}/trpc/system.health`)).status).toBe(200);
  }, 60_000);

  it('batches of applications from a few addresses (thousands per second) are refused whole', async () => {
    const { f, results, baseline, peak } = await underFlood({ ADDRESSES: '10.77.0.1,10.77.0.2,10.77.0.3,10.77.0.4', CONCURRENCY: '64', BATCH: '25' });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(f.applications / f.seconds).toBeGreaterThan(1000);
    expect((f.statuses['429'] ?? 0) + (f.statuses['413'] ?? 0)).toBe(f.sent);
    expect(peak - baseline).toBeLessThan(150);
  }, 60_000);

  it('a spray from thousands of forged addresses without proofs cannot lock honest applicants out', async () => {
    const { f, results, baseline, peak } = await underFlood({ SPRAY: '1', CONCURRENCY: '64' });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Each forged address gets its first attempt through to the procedure, which refuses the junk proof.
    expect((f.statuses['400'] ?? 0) + (f.statuses['413'] ?? 0)).toBeGreaterThan(f.sent * 0.95);
    expect(f.statuses['200'] ?? 0).toBe(0);
    expect(f.statuses['500'] ?? 0).toBe(0);
    expect(f.statuses['-1'] ?? 0).toBe(0);
    expect(peak - baseline).toBeLessThan(150);
    expect(srv.child.exitCode).toBeNull();
    expect((await fetch(`${srv.url}/trpc/system.health`)).status).toBe(200);
  }, 60_000);
});
