// The hiring router: public applying, managers' pipeline and decisions, and the candidate portal.
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { candidateProcedure, live, managerProcedure, middleware, publicProcedure, router, type EventHub, type LiveView } from '@mcf/kernel';
import { Busy, type Admission, type Refusal } from './admission.ts';
import { applicationInput, STATUSES } from './domain/application.ts';
import { checkPhoto } from './domain/photo.ts';
import { screeningConfigSchema } from './domain/scoring.ts';
import type { HiringService } from './service.ts';

const id = (what: string) => z.string().uuid(`must be a ${what} id`);
const pipelineView: LiveView<{ type: string } & Record<string, unknown>> = { view: (e) => ({ type: e.type, ...(e.payload as Record<string, unknown>) }) };
const refuse = (r: Refusal): never => {
  throw new TRPCError({ code: r.code, message: r.message });
};

export function hiringRouter(svc: HiringService, admission: Admission, hub: EventHub) {
  /** Every attempt spends a token of the caller's address, before its input is even validated. */
  const addressGuard = middleware(async ({ ctx, next }) => {
    const r = admission.takeApply(ctx.ip);
    if (r) refuse(r);
    return next();
  });

  const candidate = router({
    /** Who I am and my tests (never anyone else's). */
    me: candidateProcedure.query(({ ctx }) => svc.candidateMe(ctx.candidate)),
    /** Opens a test: what to show; starts its clock. */
    start: candidateProcedure.input(z.object({ testId: id('test') })).mutation(({ ctx, input }) => svc.candidateStart(ctx.candidate, input.testId)),
    /** Hands in an answer; the score is never shown to the candidate. */
    submit: candidateProcedure
      .input(z.object({ testId: id('test'), answer: z.unknown() }))
      .mutation(({ ctx, input }) => svc.candidateSubmit(ctx.candidate, input.testId, input.answer)),
  });

  const config = router({
    list: managerProcedure.query(() => svc.listConfigs()),
    active: managerProcedure.query(() => svc.activeConfig()),
    create: managerProcedure
      .input(z.object({ config: screeningConfigSchema, note: z.string().trim().min(1, 'say what changed and why').max(500), activate: z.boolean().default(false) }))
      .mutation(({ ctx, input }) => svc.createConfig(input.config, input.note, ctx.account.accountId, input.activate)),
    activate: managerProcedure.input(z.object({ version: z.number().int().positive() })).mutation(({ input }) => svc.activateConfig(input.version)),
    compare: managerProcedure.input(z.object({ a: z.number().int().positive(), b: z.number().int().positive() })).query(({ input }) => svc.compare(input.a, input.b)),
  });

  // `apply` is a reserved word at the top level of a `router({})` call (tRPC guards fn.apply), so the
  // hiring router carries its own namespace: `router({ hiring: { apply, … } })`, mounted by the server
  // with mergeRouters. Paths stay `hiring.apply`, `hiring.candidate.me`, … as docs/api.md fixes them.
  return router({ hiring: {
    /** A signed proof-of-work challenge for the application form. */
    challenge: publicProcedure.query(async ({ ctx }) => {
      const r = admission.takeChallenge(ctx.ip);
      if (r) refuse(r);
      return svc.challenge();
    }),

    // Cheapest checks first: address budget, input, proof of work; only then the global budget and
    // one of a few slots for the costly part (decoding the photo, the database).
    apply: publicProcedure
      .use(addressGuard)
      .input(applicationInput)
      .mutation(async ({ ctx, input }) => {
        const proof = await svc.checkProof(input);
        const g = admission.takeGlobal();
        if (g) refuse(g);
        try {
          return await admission.withSlot(async () => {
            let photo = null;
            if (input.photo) {
              const p = checkPhoto(input.photo);
              if (!p.ok) throw new TRPCError({ code: p.code, message: p.message });
              photo = p;
            }
            return svc.apply(input, ctx.ip, photo, proof);
          });
        } catch (e) {
          if (e instanceof Busy) refuse({ code: 'TOO_MANY_REQUESTS', message: 'We are receiving very many applications right now; try again in a minute', retryAfterSeconds: 30 });
          throw e;
        }
      }),

    testKinds: managerProcedure.query(() => svc.testKinds()),

    applications: managerProcedure
      .input(z.object({ status: z.enum(STATUSES).optional(), limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
      .query(({ input }) => svc.listApplications(input.status, input.limit)),
    application: managerProcedure.input(z.object({ applicationId: id('application') })).query(({ input }) => svc.application(input.applicationId)),
    photo: managerProcedure.input(z.object({ applicationId: id('application') })).query(({ input }) => svc.photo(input.applicationId)),
    markContacted: managerProcedure.input(z.object({ applicationId: id('application') })).mutation(({ input }) => svc.markContacted(input.applicationId)),

    assignTests: managerProcedure
      .input(z.object({ applicationId: id('application'), tests: z.array(z.object({ kind: z.string().max(40), params: z.unknown().optional() })).min(1, 'assign at least one test').max(20) }))
      .mutation(({ ctx, input }) => svc.assignTests(input.applicationId, input.tests, ctx.account.accountId)),
    /** A new personal link for the same tests; the old one stops working. */
    newLink: managerProcedure.input(z.object({ applicationId: id('application') })).mutation(({ input }) => svc.newLink(input.applicationId)),
    /** A manager records a manager-scored test (an interview's ratings). */
    recordResult: managerProcedure
      .input(z.object({ testId: id('test'), answer: z.unknown() }))
      .mutation(({ input }) => svc.recordResult(input.testId, input.answer)),

    decide: managerProcedure.input(z.object({ applicationId: id('application') })).mutation(({ ctx, input }) => svc.decide(input.applicationId, ctx.account.accountId)),
    distribution: managerProcedure
      .input(z.object({ version: z.number().int().positive().optional(), bins: z.number().int().min(2).max(100).default(20) }).default({ bins: 20 }))
      .query(({ input }) => svc.distribution(input.version, input.bins)),
    workerProfile: managerProcedure.input(z.object({ workerId: id('worker') })).query(({ input }) => svc.workerProfile(input.workerId)),
    /** The managers' live pipeline: every hiring event (no personal data in them), resumable. */
    onPipeline: managerProcedure
      .input(z.object({ lastEventId: z.string().regex(/^\d+$/).nullish() }).optional())
      .subscription(async function* ({ input, ctx, signal }) {
        const after = input?.lastEventId ? Number(input.lastEventId) : null;
        yield* live(hub, ctx.live, { channel: 'hiring', after, signal }, pipelineView);
      }),
    /** Admission counters of this process (managers watching a flood). */
    admissionStats: managerProcedure.query(() => admission.stats()),

    config,
    candidate,
  } });
}
