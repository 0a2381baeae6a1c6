// HTTP and WebSocket on one port: tRPC at /trpc, the web app at /, the admin app at /admin/.
import http from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import type { AnyRouter } from '@trpc/server';
import { makeRequestContext, type Authenticator, type Logger } from '@mcf/kernel';

export interface HttpOptions {
  router: AnyRouter;
  authenticate: Authenticator;
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

  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxBodyBytes });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/trpc')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const wsHandler = applyWSSHandler({
    wss,
    router: opts.router,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
    createContext: ({ req, info }) =>
      makeRequestContext({
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
