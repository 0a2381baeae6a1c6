// One tRPC client per signed-in token: queries and mutations over HTTP (batched), subscriptions over
// one WebSocket. The token lives in localStorage; changing it replaces the client so the socket
// reconnects with the new `connectionParams` (the server reads the token once per connection).
import { useSyncExternalStore } from 'react';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';

export type ConnectionStatus = 'connected' | 'connecting' | 'offline';

export interface Api<TRouter extends AnyTRPCRouter> {
  /** The current client (changes when the token changes). */
  client(): TRPCClient<TRouter>;
  token(): string | null;
  setToken(token: string | null): void;
  useClient(): TRPCClient<TRouter>;
  useToken(): string | null;
  useConnection(): ConnectionStatus;
}

function wsUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/trpc`;
}

export function createApi<TRouter extends AnyTRPCRouter>(opts: { storageKey: string }): Api<TRouter> {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));

  let token = localStorage.getItem(opts.storageKey);
  let status: ConnectionStatus = 'connecting';
  let current = connect(token);

  function connect(t: string | null) {
    const ws = createWSClient({
      url: wsUrl(),
      connectionParams: () => (t ? { token: t } : {}),
      // Quick retries so the header recovers within seconds after a server restart.
      retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 5_000),
    });
    // pending = the socket is open; connecting with an error = lost and retrying; idle = closed.
    const sub = ws.connectionState.subscribe({
      next: (s) => {
        const next: ConnectionStatus = s.state === 'pending' ? 'connected' : s.state === 'connecting' && !s.error ? 'connecting' : 'offline';
        if (next !== status) {
          status = next;
          notify();
        }
      },
    });
    // The links are typed for the concrete router at the call site; generic code cannot prove that
    // TRouter has no transformer (it has none: docs/api.md), hence the casts.
    const trpc = createTRPCClient<TRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: wsLink<TRouter>({ client: ws } as never),
          false: httpBatchLink<TRouter>({ url: '/trpc', headers: () => (t ? { authorization: `Bearer ${t}` } : {}) } as never),
        }),
      ],
    });
    return { trpc, close: () => (sub.unsubscribe(), ws.close()) };
  }

  function setToken(t: string | null) {
    if (t === token) return;
    token = t;
    if (t) localStorage.setItem(opts.storageKey, t);
    else localStorage.removeItem(opts.storageKey);
    void current.close();
    status = 'connecting';
    current = connect(t);
    notify();
  }

  // Another tab signed in or out: follow it.
  window.addEventListener('storage', (e) => {
    if (e.key === opts.storageKey) setToken(e.newValue);
  });

  return {
    client: () => current.trpc,
    token: () => token,
    setToken,
    useClient: () => useSyncExternalStore(subscribe, () => current.trpc),
    useToken: () => useSyncExternalStore(subscribe, () => token),
    useConnection: () => useSyncExternalStore(subscribe, () => status),
  };
}
