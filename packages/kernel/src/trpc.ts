// tRPC for every context: one initialisation, error shapes from docs/api.md, procedures by role.
import { initTRPC, TRPCError } from '@trpc/server';
import type { Caller, RequestContext, Role } from './context.ts';
import { DomainError, isUniqueViolation } from './errors.ts';

interface Issue {
  path: PropertyKey[];
  message: string;
}

function inputIssues(error: TRPCError): Issue[] | null {
  const cause = error.cause as { issues?: Issue[] } | undefined;
  if (error.code !== 'BAD_REQUEST' || !cause || !Array.isArray(cause.issues)) return null;
  return cause.issues;
}

function describeIssues(issues: Issue[]) {
  return `Invalid input: ${issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : 'input'}: ${i.message}`)
    .join('; ')}`;
}

const DB_DOWN = /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection/;

const t = initTRPC.context<RequestContext>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const issues = inputIssues(error);
    const message =
      error.code === 'INTERNAL_SERVER_ERROR'
        ? 'Something went wrong on our side; it has been logged'
        : issues
          ? describeIssues(issues)
          : shape.message;
    // Never a stack trace to the caller.
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        ...(issues ? { fields: issues.map((i) => i.path.map(String).join('.')) } : {}),
      },
    };
  },
});

/** Turns rule violations raised deep in a context into the API's codes. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
    if (result.error.code === 'INTERNAL_SERVER_ERROR' && isUniqueViolation(cause)) {
      throw new TRPCError({ code: 'CONFLICT', message: 'That already exists', cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR' && cause && DB_DOWN.test(String((cause as Error).message ?? cause))) {
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; try again shortly', cause });
    }
  }
  return result;
});

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

export const publicProcedure = t.procedure.use(mapDomainErrors);

export type AccountCaller = Extract<Caller, { kind: 'account' }>;
export type CandidateCaller = Extract<Caller, { kind: 'candidate' }>;

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const caller = await ctx.caller();
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.token ? 'Your session is invalid or has expired; sign in again' : 'Sign in first' });
  if (caller.kind !== 'account') throw new TRPCError({ code: 'FORBIDDEN', message: 'A candidate link only opens the candidate portal' });
  return next({ ctx: { ...ctx, account: caller } });
});

export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.account.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Only ${roles.join(' or ')} accounts may do this` });
    }
    return next();
  });
}

export const managerProcedure = roleProcedure('manager');
export const clientProcedure = roleProcedure('client');
export const workerProcedure = roleProcedure('worker');
export const clerkProcedure = roleProcedure('clerk');

export const candidateProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const caller = await ctx.caller();
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Open your personal test link again' });
  if (caller.kind !== 'candidate') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only candidates take tests here' });
  return next({ ctx: { ...ctx, candidate: caller } });
});
