// The hiring flood's baseline: a bare `node:http` server in its own process that answers every request
// 429 with a tRPC-shaped error body, from the headers alone (like the MCF gate, a small body is drained
// so the connection can be reused; a large claimed one is not read and the connection is closed).
// No routing, no admission buckets, no tRPC: the floor any Node server pays to refuse a request.
// Prints `{"port":…}` on stdout once listening; exits on SIGTERM or when its parent's stdin closes.
import http from 'node:http';

const body = JSON.stringify({ error: { message: 'Too many requests', code: -32029, data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path: 'hiring.apply' } } });
const server = http.createServer((req, res) => {
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'retry-after': '30' };
  const len = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
  if (req.method !== 'GET' && (len === null || len > 64 * 1024)) headers.connection = 'close';
  else req.resume();
  res.writeHead(429, headers).end(body);
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
