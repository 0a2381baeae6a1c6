// Typed tRPC clients for a running server: HTTP (batched) for queries and mutations, WebSocket for
// subscriptions. No Vitest here, so benchmarks and load generators use it too.
import WebSocket from 'ws';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../src/router.ts';

export type Client = TRPCClient<AppRouter>;

// The tRPC client is a proxy (every property is a procedure path), so its socket is kept beside it.
const sockets = new Map<Client, ReturnType<typeof createWSClient>>();

export async function closeClient(c: Client) {
  const ws = sockets.get(c);
  sockets.delete(c);
  await ws?.close();
}

export function makeClient(baseUrl: string, token?: string | null): Client {
  const wsUrl = baseUrl.replace(/^http/, 'ws') + '/trpc';
  // Lazy: no socket until the first subscription, so HTTP-only tests open none.
  const ws = createWSClient({ url: wsUrl, WebSocket: WebSocket as never, lazy: { enabled: true, closeMs: 500 }, connectionParams: () => (token ? { token } : {}), retryDelayMs: () => 200 });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: ws }),
        false: httpBatchLink({ url: `${baseUrl}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
      }),
    ],
  });
  sockets.set(client, ws);
  return client;
}

