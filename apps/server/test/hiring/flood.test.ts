// A flood against a real server process: a few addresses send thousands of applications per second
// (X-Forwarded-For, MCF_TRUST_PROXY=1) while a trickle of honest applicants from other addresses must
// all get through. Bounded: ~5 s of flood, loopback only. Prints the measured figures (docs/hiring.md).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '@mcf/hiring';
import { freshDatabase, spawnServer, type ServerProcess } from '../support/harness.ts';
import { tinyPng } from './support.ts';

const FLOOD_MS = Number(process.env.MCF_FLOOD_MS ?? 5000);
const FLOOD_ADDRESSES = ['10.66.0.1', '10.66.0.2', '10.66.0.3', '10.66.0.4'];
const FLOOD_CONCURRENCY = 96;
const HONEST_EVERY_MS = 100;

const rssMb = (pid: number) => {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
};

let srv: ServerProcess;
beforeAll(async () => {
  srv = await spawnServer(await freshDatabase(), {
    MCF_TRUST_PROXY: '1',
    MCF_HIRING_POW_BITS: '8',
    MCF_JOB_CONCURRENCY: '1',
  });
}, 60_000);
afterAll(async () => {
  await srv?.stop();
});

function post(agent: http.Agent, path: string, body: string, ip: string, extra: http.OutgoingHttpHeaders = {}) {
  return new Promise<number>((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port: srv.port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': ip, ...extra } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(-1));
      },
    );
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

async function honestApplicant(i: number) {
  const ip = `192.0.2.${(i % 250) + 1}`;
  const headers = { 'content-type': 'application/json', 'x-forwarded-for': ip };
  const t0 = performance.now();
  const ch = await fetch(`${srv.url}/trpc/hiring.challenge`, { headers });
  if (ch.status !== 200) return { ok: false, status: ch.status, ms: performance.now() - t0 };
  const { challenge, bits } = (await ch.json()).result.data;
  const nonce = solveChallenge(challenge, bits);
  const body = JSON.stringify({ name: `Honest ${i}`, age: 2 + (i % 10), breed: 'Maine Coon', coatColor: 'tabby', contact: `honest${i}@cats.example`, photo: tinyPng, proof: { challenge, nonce } });
  const res = await fetch(`${srv.url}/trpc/hiring.apply`, { method: 'POST', headers, body });
  const ms = performance.now() - t0;
  return { ok: res.status === 200, status: res.status, ms, body: res.status === 200 ? '' : await res.text() };
}

describe('flood', () => {
  it('the flooders get TOO_MANY_REQUESTS, honest applicants all get through, nothing crashes, memory stays bounded', async () => {
    const baseline = rssMb(srv.child.pid!);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(srv.child.pid!))), 200);

    const agent = new http.Agent({ keepAlive: true, maxSockets: FLOOD_CONCURRENCY });
    const statuses = new Map<number, number>();
    let sent = 0;
    const deadline = Date.now() + FLOOD_MS;
    const junk = JSON.stringify({ name: 'Spam', age: 5, breed: 'Bot', coatColor: 'black', contact: 'spam@evil.example', proof: { challenge: 'x.8.1.y', nonce: '0' } });
    const worker = async (w: number) => {
      while (Date.now() < deadline) {
        const ip = FLOOD_ADDRESSES[w % FLOOD_ADDRESSES.length];
        // Mostly small junk applications; every 50th claims a 20 MB body it never sends.
        const status = sent % 50 === 49 ? await post(new http.Agent(), '/trpc/hiring.apply', '', ip, { 'content-length': String(20 * 1024 * 1024) }) : await post(agent, '/trpc/hiring.apply', junk, ip);
        sent++;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    const honest: Promise<Awaited<ReturnType<typeof honestApplicant>>>[] = [];
    let h = 0;
    const trickle = setInterval(() => honest.push(honestApplicant(h++)), HONEST_EVERY_MS);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: FLOOD_CONCURRENCY }, (_, w) => worker(w)));
    const floodSeconds = (performance.now() - t0) / 1000;
    clearInterval(trickle);
    const results = await Promise.all(honest);
    clearInterval(sampler);
    agent.destroy();

    // Still serving, and the honest ones are really stored.
    const health = await fetch(`${srv.url}/trpc/system.health`);
    expect(health.status).toBe(200);
    expect(srv.child.exitCode).toBeNull();
    const lat = results.map((r) => r.ms).sort((a, b) => a - b);
    const pct = (p: number) => Math.round(lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]);
    const figures = {
      floodSeconds: Math.round(floodSeconds * 10) / 10,
      floodRequests: sent,
      floodPerSecond: Math.round(sent / floodSeconds),
      floodStatuses: Object.fromEntries(statuses),
      honest: results.length,
      honestOk: results.filter((r) => r.ok).length,
      honestLatencyMs: { p50: pct(50), p95: pct(95), max: pct(100) },
      rssMb: { baseline: Math.round(baseline), peak: Math.round(peak), after: Math.round(rssMb(srv.child.pid!)) },
    };
    console.log(`[flood] ${JSON.stringify(figures)}`);

    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(Math.floor(FLOOD_MS / HONEST_EVERY_MS / 2));
    expect(sent / floodSeconds).toBeGreaterThan(1000);
    // Each flooding address got at most its burst through to the procedure; the rest were refused.
    expect((statuses.get(429) ?? 0) + (statuses.get(413) ?? 0)).toBeGreaterThan(sent * 0.95);
    expect(statuses.get(200) ?? 0).toBe(0);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(-1) ?? 0).toBe(0);
    expect(peak - baseline).toBeLessThan(150);
  }, 60_000);
});
