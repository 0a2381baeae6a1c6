// supplies.* procedures (docs/api.md, docs/supplies.md): thin; roles checked here, rules in the service.
import { z } from 'zod';
import { authedProcedure, clerkProcedure, forbidden, live, notFound, router, workerProcedure, type AccountCaller, type EventHub, type LiveView } from '@mcf/kernel';
import { orderNumber } from './acceptanceForm.ts';
import type { SuppliesEventPayload } from './events.ts';
import type { SuppliesService } from './service.ts';
import type { SupplyRequest } from './domain/request.ts';

const uuid = (what: string) => z.string().uuid(`${what} must be an id (uuid)`);
const resume = z.object({ lastEventId: z.string().regex(/^\d+$/, 'must be an event id').nullish() }).optional();
const afterOf = (input: { lastEventId?: string | null } | undefined) => (input?.lastEventId ? Number(input.lastEventId) : null);

export interface SuppliesLiveEvent extends SuppliesEventPayload {
  type: string;
}

/** The clerks' and workers' channels also carry other contexts' events: only supplies' own are shown. */
const requestView: LiveView<SuppliesLiveEvent> = {
  accept: (e) => e.context === 'supplies',
  view: (e) => ({ type: e.type, ...(e.payload as SuppliesEventPayload) }),
};

/** Clerks see every request; a worker only those addressed to it; nobody else. */
function mayRead(account: AccountCaller, r: SupplyRequest) {
  if (account.role === 'clerk') return true;
  return account.role === 'worker' && r.workerId === account.accountId;
}

export function suppliesRouter(svc: SuppliesService, hub: EventHub) {
  const readable = async (account: AccountCaller, orderId: string) => {
    const r = await svc.byOrder(orderId);
    if (!r) return notFound('Supply request for this order');
    if (!mayRead(account, r!)) return forbidden('Only the worker of this order and supplies clerks may see its supplies');
    return r!;
  };

  return router({
    /** The clerks' queue. Without `state`: open and issued requests (withdrawn ones are left out). */
    requests: clerkProcedure
      .input(z.object({ state: z.enum(['open', 'issued', 'withdrawn']).optional() }).optional())
      .query(({ input }) => svc.list({ state: input?.state })),

    issue: clerkProcedure.input(z.object({ requestId: uuid('requestId') })).mutation(({ input, ctx }) => svc.issue(input.requestId, ctx.account.accountId)),

    /** The warehouse records a cookie's arrival by hand. */
    recordCookieArrival: clerkProcedure.input(z.object({ requestId: uuid('requestId') })).mutation(({ input }) => svc.recordArrival(input.requestId)),

    /** Orders a failed cookie from the bakery again. */
    retryCookie: clerkProcedure.input(z.object({ requestId: uuid('requestId') })).mutation(({ input }) => svc.retryCookie(input.requestId)),

    onRequests: clerkProcedure.input(resume).subscription(async function* ({ input, ctx, signal }) {
      yield* live(hub, ctx.live, { channel: 'clerks', after: afterOf(input), signal }, requestView);
    }),

    /** The calling worker's own requests (the supply status of its tasks). */
    mine: workerProcedure
      .input(z.object({ state: z.enum(['open', 'issued', 'withdrawn']).optional() }).optional())
      .query(({ input, ctx }) => svc.list({ state: input?.state, workerId: ctx.account.accountId })),

    /** Live changes to the calling worker's requests (also when one is taken away on a re-match). */
    onMine: workerProcedure.input(resume).subscription(async function* ({ input, ctx, signal }) {
      yield* live(hub, ctx.live, { channel: `worker:${ctx.account.accountId}`, after: afterOf(input), signal }, requestView);
    }),

    /** The supply request of one order: for its worker's task page and for clerks. */
    forOrder: authedProcedure.input(z.object({ orderId: uuid('orderId') })).query(async ({ input, ctx }) => svc.view(await readable(ctx.account, input.orderId))),

    /** The printable job acceptance form, as a base64 PDF. */
    acceptanceForm: authedProcedure.input(z.object({ orderId: uuid('orderId') })).query(async ({ input, ctx }) => {
      const r = await readable(ctx.account, input.orderId);
      const pdf = await svc.acceptanceForm(r);
      return { fileName: `acceptance-form-${orderNumber(r.orderId)}.pdf`, mimeType: 'application/pdf' as const, dataBase64: pdf.toString('base64') };
    }),
  });
}
