import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { authedProcedure, live, managerProcedure, publicProcedure, ROLES, conflict, isUniqueViolation, type EventHub, type LiveView } from '@mcf/kernel';
import type { AccountCreatedPayload } from '../events.ts';
import type { Sessions } from '../sessions.ts';

const newAccountsView: LiveView<AccountCreatedPayload> = { accept: (e) => e.type === 'accounts.accountCreated', view: (e) => e.payload as AccountCreatedPayload };

const email = z.string().trim().email('must be an email address').max(254);
const password = z.string().min(1, 'is required').max(200);

// Sign-in, sessions, account creation and the live feed of new accounts.
export function authProcedures(sessions: Sessions, hub: EventHub) {
  return {
    login: publicProcedure.input(z.object({ email, password })).mutation(async ({ input, ctx }) => {
      const r = await sessions.signIn(input.email, input.password, ctx.ip);
      if (!r.ok) throw new TRPCError({ code: r.reason === 'throttled' ? 'TOO_MANY_REQUESTS' : 'UNAUTHORIZED', message: r.message });
      return { token: r.token, account: { id: r.account.id, role: r.account.role, name: r.account.name } };
    }),

    logout: authedProcedure.mutation(async ({ ctx }) => {
      await sessions.revoke(ctx.account.sessionId);
      return { ok: true as const };
    }),

    me: authedProcedure.query(async ({ ctx }) => {
      const a = await sessions.get(ctx.account.accountId);
      if (!a) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This account no longer exists' });
      return a;
    }),

    /** New accounts as they are created, for the managers' live list; resumable with lastEventId. */
    onAccounts: managerProcedure
      .input(z.object({ lastEventId: z.string().regex(/^\d+$/).nullish() }).optional())
      .subscription(async function* ({ input, ctx, signal }) {
        const after = input?.lastEventId ? Number(input.lastEventId) : null;
        yield* live(hub, ctx.live, { channel: 'accounts', after, signal }, newAccountsView);
      }),

    /** Managers: the accounts of one role, by name (pickers in the admin app). */
    list: managerProcedure
      .input(z.object({ role: z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]) }))
      .query(({ input }) => sessions.listByRole(input.role)),

    create: managerProcedure
      .input(
        z.object({
          role: z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]),
          email,
          name: z.string().trim().min(1, 'is required').max(120),
          password: z.string().min(8, 'must have at least 8 characters').max(200),
        }),
      )
      .mutation(async ({ input }) => {
        try {
          return { id: await sessions.createAccount(input) };
        } catch (e) {
          if (isUniqueViolation(e)) conflict(`An account with email ${input.email} already exists`);
          throw e;
        }
      }),
  };
}
