// A flood generator in its own process, so the test process that times the honest applicants is not
// the one busy flooding. Env: TARGET (http://127.0.0.1:<port>), MS, CONCURRENCY, and ADDRESSES (a
// comma-separated list the workers share) or SPRAY=1 (a new forged address for every request), and
// BATCH=n (n applications per request, tRPC batching). Prints one JSON line:
// { sent, applications, seconds, statuses }.
import http from 'node:http';

const target = new URL(process.env.TARGET);
const ms = Number(process.env.MS ?? 5000);
const concurrency = Number(process.env.CONCURRENCY ?? 64);
const addresses = (process.env.ADDRESSES ?? '10.66.0.1').split(',');
const spray = process.env.SPRAY === '1';
const batch = Number(process.env.BATCH ?? 1);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const one = { name: 'Spam', age: 5, breed: 'Bot', coatColor: 'black', contact: 'spam@evil.example', proof: { challenge: 'x.8.1.y', nonce: '0' } };
const junk = batch > 1 ? JSON.stringify(Object.fromEntries(Array.from({ length: batch }, (_, i) => [String(i), one]))) : JSON.stringify(one);
const path = batch > 1 ? `/trpc/${Array(batch).fill('hiring.apply').join(',')}?batch=1` : '/trpc/hiring.apply';
const statuses = {};
let sent = 0;
let n = 0;

function post(ip, bigClaim) {
  return new Promise((resolve) => {
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': ip, 'content-length': bigClaim ? String(20 * 1024 * 1024) : Buffer.byteLength(junk) };
    const req = http.request({ host: target.hostname, port: target.port, path, method: 'POST', agent: bigClaim ? new http.Agent() : agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(-1));
    });
    req.on('error', () => resolve(-1));
    // A big claim sends nothing: the server must answer from the headers alone.
    if (bigClaim) req.flushHeaders();
    else req.end(junk);
  });
}

const deadline = Date.now() + ms;
const t0 = performance.now();
async function worker(w) {
  while (Date.now() < deadline) {
    const i = n++;
    const ip = spray ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : addresses[w % addresses.length];
    // Every 50th request claims a 20 MB body it never sends.
    const status = await post(ip, i % 50 === 49);
    sent++;
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
agent.destroy();
process.stdout.write(JSON.stringify({ sent, applications: sent * batch, seconds: (performance.now() - t0) / 1000, statuses }) + '\n');
process.exit(0);
