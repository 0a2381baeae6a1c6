// accounts.billing.*: statements, closing periods, credits, invoices for managers, payment methods.
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { authedProcedure, clientProcedure, live, managerProcedure, router, type EventHub, type LiveView } from '@mcf/kernel';
import type { BillingChangedPayload } from '../events.ts';
import type { Billing } from '../billing/index.ts';
import { isSunday, parseMonth } from '../domain/periods.ts';
import { PAYMENT_METHODS } from '../billing/providers.ts';

const uuid = (what: string) => z.string().uuid(`must be ${what} id`);
const MAX_CREDIT_CENTS = 100_000_000; // 1,000,000 CU
/** An account's channel carries more than bills: only billing changes are shown. */
const billingView: LiveView<BillingChangedPayload> = { accept: (e) => e.type === 'accounts.billingChanged', view: (e) => e.payload as BillingChangedPayload };

export function billingRouter(billing: Billing, hub: EventHub) {
  return router({
    statement: authedProcedure
      .input(z.object({ accountId: uuid('an account').optional() }).optional())
      .query(({ input, ctx }) => billing.statement(ctx.account, input?.accountId)),

    /**
     * Live: something on a bill changed (an entry booked, an invoice created, paid, failed, retrying).
     * Own account by default; managers may watch any account, or every account with `all`.
     */
    onChange: authedProcedure
      .input(z.object({ accountId: uuid('an account').optional(), all: z.boolean().optional(), lastEventId: z.string().regex(/^\d+$/).nullish() }).optional())
      .subscription(async function* ({ input, ctx, signal }) {
        const me = ctx.account;
        const wantsOther = input?.all || (input?.accountId && input.accountId !== me.accountId);
        if (wantsOther && me.role !== 'manager') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only managers may watch other accounts’ bills' });
        const channel = input?.all ? 'billing' : `account:${input?.accountId ?? me.accountId}`;
        const after = input?.lastEventId ? Number(input.lastEventId) : null;
        yield* live(hub, ctx.live, { channel, after, signal }, billingView);
      }),

    closeWeek: managerProcedure
      .input(z.object({ weekEnding: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine(isSunday, 'must be a Sunday (the last day of a billing week)') }))
      .mutation(async ({ input, ctx }) => ({ invoices: await billing.closeWeek(input.weekEnding, ctx.account.accountId) })),

    closeMonth: managerProcedure
      .input(z.object({ month: z.string().refine((m) => parseMonth(m) !== null, 'must be a month YYYY-MM') }))
      .mutation(async ({ input, ctx }) => ({ invoices: await billing.closeMonth(input.month, ctx.account.accountId) })),

    creditWorker: managerProcedure
      .input(
        z.object({
          workerId: uuid('a worker'),
          amountCents: z.number().int('must be a whole number of cents').positive('must be more than zero').max(MAX_CREDIT_CENTS, 'is too large for one credit'),
          reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500),
        }),
      )
      .mutation(({ input, ctx }) => billing.creditWorker(input, ctx.account.accountId)),

    invoices: managerProcedure
      .input(
        z
          .object({
            status: z.enum(['pending', 'sending', 'retrying', 'paid', 'failed']).optional(),
            kind: z.enum(['client_week', 'worker_month']).optional(),
            accountId: uuid('an account').optional(),
            limit: z.number().int().min(1).max(500).default(200),
          })
          .optional(),
      )
      .query(({ input }) => billing.invoices({ limit: 200, ...input })),

    retryInvoice: managerProcedure.input(z.object({ invoiceId: uuid('an invoice') })).mutation(({ input }) => billing.retry(input.invoiceId)),

    paymentMethod: clientProcedure.query(({ ctx }) => billing.paymentMethod(ctx.account.accountId)),

    setPaymentMethod: clientProcedure
      .input(z.object({ method: z.enum(PAYMENT_METHODS) }))
      .mutation(({ input, ctx }) => billing.setPaymentMethod(ctx.account.accountId, input.method)),
  });
}
