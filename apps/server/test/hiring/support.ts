// Helpers for the hiring API tests: clients that claim an address (X-Forwarded-For, with
// MCF_TRUST_PROXY=1) and an applicant that solves the proof of work like the web page does.
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import { solveChallenge } from '@mcf/hiring';
import type { AppRouter } from '../../src/router.ts';

export const codeOf = (e: unknown) => (e instanceof TRPCClientError ? (e.data?.code as string) : String(e));

export function clientFrom(url: string, opts: { ip?: string; token?: string | null; batch?: boolean } = {}) {
  const headers = () => ({
    ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
  });
  const link = opts.batch === false ? httpLink({ url: `${url}/trpc`, headers }) : httpBatchLink({ url: `${url}/trpc`, headers });
  return createTRPCClient<AppRouter>({ links: [link] });
}

let n = 0;
export const form = (over: Record<string, unknown> = {}) => {
  n++;
  return { name: `Cat ${n}`, age: 3, breed: 'Tabby', coatColor: 'grey', contact: `cat${n}.${Date.now()}@cats.example`, ...over };
};

/** A 1×1 PNG. */
export const tinyPng = {
  mimeType: 'image/png' as const,
  dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
};

export async function proof(c: ReturnType<typeof clientFrom>) {
  const ch = await c.hiring.challenge.query();
  return { challenge: ch.challenge, nonce: solveChallenge(ch.challenge, ch.bits) };
}

/** Applies like the web page: challenge, solve, submit. */
export async function apply(url: string, ip: string, over: Record<string, unknown> = {}) {
  const c = clientFrom(url, { ip });
  const input = form(over);
  const r = await c.hiring.apply.mutate({ ...input, proof: await proof(c) } as never);
  return { ...r, input };
}
