// Graceful shutdown: stop accepting, finish in-flight calls, close subscriptions, exit cleanly.
import { describe, expect, it } from 'vitest';
import { freshDatabase, makeClient, spawnServer, closeClient } from './support/harness.ts';

describe('graceful shutdown', () => {
  it('finishes the calls in flight, closes live subscriptions and exits 0 on SIGTERM', async () => {
    const server = await spawnServer(await freshDatabase());
    const anon = makeClient(server.url);
    const { token } = await anon.accounts.login.mutate({ email: 'admin@mcf.local', password: 'admin-pass-1' });
    const manager = makeClient(server.url, token);

    let subscriptionEnded = false;
    manager.accounts.onAccounts.subscribe(undefined, {
      onData: () => undefined,
      onError: () => (subscriptionEnded = true),
      onComplete: () => (subscriptionEnded = true),
      onConnectionStateChange: (s) => {
        if (s.state === 'connecting' && s.error) subscriptionEnded = true;
      },
    });
    await new Promise((r) => setTimeout(r, 300));

    // Each sign-in spends ~50 ms in scrypt, so these are still running when the signal arrives.
    const calls = Array.from({ length: 12 }, () => anon.accounts.login.mutate({ email: 'admin@mcf.local', password: 'admin-pass-1' }));
    await new Promise((r) => setTimeout(r, 40));
    const exit = server.stop();
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(12);
    expect(await exit).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(subscriptionEnded).toBe(true);
    await closeClient(manager);
  });
});
