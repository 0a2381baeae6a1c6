// The tester roster import and one-time login links.
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { managerProcedure, publicProcedure } from '@mcf/kernel';
import { parseRoster, testersSchema } from '../domain/roster.ts';
import type { Testers } from '../testers.ts';

export function testerProcedures(testers: Testers) {
  return {
    importTesters: managerProcedure.input(z.object({ testers: testersSchema })).mutation(({ input, ctx }) => testers.importTesters(input.testers, ctx.account.accountId)),

    /** The same import from a roster file's text (CSV with a header row, or JSON), as uploaded in the admin app. */
    importTestersFile: managerProcedure
      .input(z.object({ content: z.string().min(1, 'is empty').max(2_000_000, 'is too large (at most 2 MB)') }))
      .mutation(({ input, ctx }) => {
        let rows: unknown[];
        try {
          rows = parseRoster(input.content);
        } catch (e) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: `The roster cannot be read: ${(e as Error).message}` });
        }
        const parsed = testersSchema.safeParse(rows);
        if (!parsed.success) {
          const where = parsed.error.issues.slice(0, 5).map((i) => `row ${typeof i.path[0] === 'number' ? i.path[0] + 1 : '?'}${i.path.length > 1 ? ` ${i.path.slice(1).join('.')}` : ''}: ${i.message}`);
          throw new TRPCError({ code: 'BAD_REQUEST', message: `The roster has errors: ${where.join('; ')}` });
        }
        return testers.importTesters(parsed.data, ctx.account.accountId);
      }),

    issueLoginLink: managerProcedure
      .input(z.object({ accountId: z.string().uuid('must be an account id') }))
      .mutation(({ input, ctx }) => testers.issueLink(input.accountId, ctx.account.accountId)),

    loginWithLink: publicProcedure.input(z.object({ loginToken: z.string().min(1, 'is required').max(200) })).mutation(async ({ input }) => {
      const r = await testers.loginWithLink(input.loginToken);
      if (!r) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This login link is invalid, has expired or was already used; ask for a new one' });
      return { token: r.token, account: { id: r.account.id, role: r.account.role, name: r.account.name } };
    }),
  };
}
