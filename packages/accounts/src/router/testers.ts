// The tester roster import and one-time login links.
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { managerProcedure, publicProcedure } from '@mcf/kernel';
import { testersSchema } from '../domain/roster.ts';
import type { Testers } from '../testers.ts';

export function testerProcedures(testers: Testers) {
  return {
    importTesters: managerProcedure.input(z.object({ testers: testersSchema })).mutation(({ input, ctx }) => testers.importTesters(input.testers, ctx.account.accountId)),

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
