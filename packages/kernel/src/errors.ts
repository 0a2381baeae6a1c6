// The error codes of the public API (docs/api.md), with messages a person understands.
import { TRPCError } from '@trpc/server';

type Code = 'UNAUTHORIZED' | 'FORBIDDEN' | 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'PAYLOAD_TOO_LARGE';

export const fail = (code: Code, message: string): never => {
  throw new TRPCError({ code, message });
};

export const unauthorized = (message = 'Sign in first') => fail('UNAUTHORIZED', message);
export const forbidden = (message = 'You may not do this') => fail('FORBIDDEN', message);
export const badRequest = (message: string) => fail('BAD_REQUEST', message);
export const notFound = (what: string) => fail('NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => fail('CONFLICT', message);
export const tooManyRequests = (message = 'Too many requests; try again later') => fail('TOO_MANY_REQUESTS', message);
export const payloadTooLarge = (message: string) => fail('PAYLOAD_TOO_LARGE', message);

/** A domain rule broken by the caller's request; routers turn it into CONFLICT or BAD_REQUEST. */
export class DomainError extends Error {
  constructor(readonly code: 'CONFLICT' | 'BAD_REQUEST' | 'NOT_FOUND' | 'FORBIDDEN', message: string) {
    super(message);
  }
}

/** PostgreSQL error codes that mean the caller's input broke a rule, not that we did. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}
export function isSerializationFailure(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: string }).code : undefined;
  return code === '40001' || code === '40P01';
}
