// HTTP and WebSocket on one port: tRPC at /trpc, the web app at /, the admin app at /admin/.
import http from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import type { AnyRouter } from '@trpc/server';
import { makeRequestContext, type Authenticator, type Logger } from '@mcf/kernel';
import { coalesceWrites, liveTransport, sharedPayloadEncoder } from './wsBatching.ts';

/**
 * A context's early look at a tRPC request, before its body is read (rate limits, size limits).
 * A refusal is answered at once in tRPC's error shape; null lets the request through.
 */
export type HttpGuard = (req: { paths: readonly string[]; ip: string; contentLength: number | null }) => {
  code: 'TOO_MANY_REQUESTS' | 'PAYLOAD_TOO_LARGE';
  message: string;
  retryAfterSeconds?: number;
} | null;

export interface HttpOptions {
  router: AnyRouter;
  authenticate: Authenticator;
  guards?: HttpGuard[];
  log: Logger;
  maxBodyBytes: number;
  staticRoot: string | null;
}

function clientAddress(req: http.IncomingMessage) {
  // Behind a load balancer set MCF_TRUST_PROXY=1 so rate limits see the real address.
  if (process.env.MCF_TRUST_PROXY === '1') {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

function bearer(req: http.IncomingMessage) {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() || null : null;
}

function trpcPaths(url: string): string[] {
  const rest = url.slice('/trpc/'.length);
  const q = rest.indexOf('?');
  try {
    return decodeURIComponent(q < 0 ? rest : rest.slice(0, q)).split(',');
  } catch {
    return [];
  }
}

const JSON_RPC_CODE = { TOO_MANY_REQUESTS: -32029, PAYLOAD_TOO_LARGE: -32413 } as const;

/** Answers a refused request without reading its body (a flood then costs almost nothing). */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, paths: string[], r: NonNullable<ReturnType<HttpGuard>>, contentLength: number | null) {
  const status = r.code === 'TOO_MANY_REQUESTS' ? 429 : 413;
  const one = (p: string) => ({ error: { message: r.message, code: JSON_RPC_CODE[r.code], data: { code: r.code, httpStatus: status, path: p } } });
  const batch = /[?&]batch=1(&|$)/.test(req.url ?? '');
  const body = JSON.stringify(batch ? paths.map(one) : one(paths[0] ?? ''));
  const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (r.retryAfterSeconds) headers['retry-after'] = String(Math.ceil(r.retryAfterSeconds));
  // A small body is drained so the connection can be reused; a large or unknown one is not read at all.
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  if (hasBody && (contentLength === null || contentLength > 64 * 1024)) headers.connection = 'close';
  else if (hasBody) req.resume();
  res.writeHead(status, headers).end(body);
}

export function createHttp(opts: HttpOptions) {
  const inFlight = new Set<http.ServerResponse>();
  const trpcHandler = createHTTPHandler({
    router: opts.router,
    basePath: '/trpc/',
    maxBodySize: opts.maxBodyBytes,
    createContext: ({ req }) => makeRequestContext({ token: bearer(req), ip: clientAddress(req), log: opts.log, authenticate: opts.authenticate }),
    onError: ({ error, path: p }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') opts.log.error({ err: error.cause ?? error, path: p }, 'procedure failed');
    },
  });

  const serveApp = (dir: string) => (existsSync(dir) ? sirv(dir, { single: true, etag: true, gzip: false }) : null);
  const web = opts.staticRoot ? serveApp(path.join(opts.staticRoot, 'web/dist')) : null;
  const admin = opts.staticRoot ? serveApp(path.join(opts.staticRoot, 'admin/dist')) : null;

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/trpc/') || url === '/trpc') {
      if (opts.guards?.length) {
        const paths = trpcPaths(url);
        const cl = req.headers['content-length'];
        const contentLength = cl === undefined ? (req.headers['transfer-encoding'] ? null : 0) : Number(cl);
        const ip = clientAddress(req);
        for (const guard of opts.guards) {
          const r = guard({ paths, ip, contentLength: Number.isFinite(contentLength) ? contentLength : null });
          if (r) return refuse(req, res, paths, r, contentLength);
        }
      }
      inFlight.add(res);
      res.on('close', () => inFlight.delete(res));
      trpcHandler(req, res);
      return;
    }
    const notFound = () => {
      res.statusCode = 404;
      res.end('not found (run `pnpm start`, which builds the apps)');
    };
    if (url === '/admin') {
      res.writeHead(302, { location: '/admin/' }).end();
      return;
    }
    if (url.startsWith('/admin/')) {
      if (!admin) return notFound();
      req.url = url.slice('/admin'.length);
      admin(req, res, notFound);
      return;
    }
    if (!web) return notFound();
    web(req, res, notFound);
  });

  // MCF_WS_BATCHING=off turns the fan-out optimisations off (wsBatching.ts), for comparison.
  const batching = process.env.MCF_WS_BATCHING !== 'off';
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxBodyBytes });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/trpc')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (batching) coalesceWrites(ws, socket);
      wss.emit('connection', ws, req);
    });
  });
  const wsHandler = applyWSSHandler({
    wss,
    router: opts.router,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
    ...(batching ? { experimental_encoder: sharedPayloadEncoder } : {}),
    createContext: ({ req, res, info }) =>
      makeRequestContext({
        live: batching ? liveTransport(res as WebSocket) : null,
        token: (info.connectionParams?.token as string | undefined) ?? bearer(req) ?? null,
        ip: clientAddress(req),
        log: opts.log,
        authenticate: opts.authenticate,
      }),
    onError: ({ error, path: p }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') opts.log.error({ err: error.cause ?? error, path: p }, 'procedure failed');
    },
  });

  return {
    server,
    wss,
    /** Stop accepting, let in-flight HTTP calls finish (up to `graceMs`), then close every WebSocket. */
    async close(graceMs = 10_000) {
      opts.log.debug({ inFlight: inFlight.size }, 'closing http');
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      wsHandler.broadcastReconnectNotification();
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
