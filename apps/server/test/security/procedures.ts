// The AppRouter, walked: every procedure with its type, and a way to call any of them by path as anyone.
import { TRPCClientError } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import type { Client } from '../support/harness.ts';

export type ProcedureType = 'query' | 'mutation' | 'subscription';

export function listProcedures(router: AnyRouter): { path: string; type: ProcedureType }[] {
  const procs = router._def.procedures as Record<string, { _def: { type: ProcedureType } }>;
  return Object.entries(procs)
    .map(([path, p]) => ({ path, type: p._def.type }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export const codeOf = (e: unknown) => (e instanceof TRPCClientError ? (e.data?.code as string | undefined) ?? 'UNKNOWN' : `NOT_TRPC: ${String(e)}`);

/** Calls a procedure by path; resolves with 'OK' or the error code. Subscriptions: 'OK' once started. */
export async function callAs(client: Client, path: string, type: ProcedureType, input: unknown, timeoutMs = 5000): Promise<string> {
  const fn = path.split('.').reduce<any>((o, k) => o[k], client);
  if (type === 'query') return fn.query(input).then(() => 'OK', codeOf);
  if (type === 'mutation') return fn.mutate(input).then(() => 'OK', codeOf);
  return new Promise<string>((resolve) => {
    let sub: { unsubscribe(): void } | null = null;
    const done = (r: string) => {
      clearTimeout(timer);
      queueMicrotask(() => sub?.unsubscribe());
      resolve(r);
    };
    const timer = setTimeout(() => done('TIMEOUT'), timeoutMs);
    sub = fn.subscribe(input, { onStarted: () => done('OK'), onData: () => done('OK'), onError: (e: unknown) => done(codeOf(e)) });
  });
}
