// Who is calling: resolved from the bearer token (HTTP) or connectionParams.token (WebSocket).
import type { Logger } from './logger.ts';
import type { LiveTransport } from './events/live.ts';

export type Role = 'client' | 'worker' | 'manager' | 'clerk';
export const ROLES: readonly Role[] = ['client', 'worker', 'manager', 'clerk'];

export type Caller =
  | { kind: 'account'; accountId: string; role: Role; name: string; sessionId: string }
  | { kind: 'candidate'; candidateId: string; applicationId: string };

/** Turns a token into a caller, or null when it is unknown, expired or revoked. */
export type Authenticator = (token: string) => Promise<Caller | null>;

export interface RequestContext {
  /** The caller's token as sent, if any. */
  token: string | null;
  /** The caller's network address (for rate limits). */
  ip: string;
  log: Logger;
  /** Resolved on each call, so a revoked session stops working on an open WebSocket too. */
  caller(): Promise<Caller | null>;
  /** Over WebSocket: the connection's direct writer for caught-up subscriptions (events/live.ts). */
  live: LiveTransport | null;
}

export function makeRequestContext(args: { token: string | null; ip: string; log: Logger; authenticate: Authenticator; live?: LiveTransport | null }): RequestContext {
  const { token, authenticate } = args;
  return {
    token,
    ip: args.ip,
    log: args.log,
    live: args.live ?? null,
    // Over WebSocket the context lives as long as the connection, so resolve on every call.
    caller: () => (token ? authenticate(token) : Promise.resolve(null)),
  };
}
