// A sentence for the person in front of the screen. The server already words its errors for people
// (docs/api.md); only transport failures need wording here.
import { TRPCClientError } from '@trpc/client';

export function errorMessage(e: unknown): string {
  if (e instanceof TRPCClientError) {
    if (!e.data && /fetch|network/i.test(e.message)) return 'Cannot reach the server; check your connection and try again.';
    return e.message;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The tRPC error code (UNAUTHORIZED, FORBIDDEN, …) or null. */
export function errorCode(e: unknown): string | null {
  return e instanceof TRPCClientError ? ((e.data as { code?: string } | undefined)?.code ?? null) : null;
}
