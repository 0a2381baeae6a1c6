// quality.*: managers only. Thin: validates input, calls the service.
import { z } from 'zod';
import { isUuid, live, managerProcedure, router, type LiveView, type Platform } from '@mcf/kernel';
import { VERDICTS } from './domain/review.ts';
import type { QualityService } from './service.ts';
import { QUALITY } from './events.ts';

const id = z.string().refine(isUuid, 'must be an id');
const reviewView: LiveView<{ type: string; reviewId: string; orderId: string; reason: string }> = {
  view: (e) => {
    const p = e.payload as { reviewId: string; orderId: string; reason: string };
    return { type: e.type, reviewId: p.reviewId, orderId: p.orderId, reason: p.reason };
  },
};
const dateOrTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || (/^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s))), 'must be a date (YYYY-MM-DD) or an ISO time');
const range = {
  from: dateOrTime.optional(),
  to: dateOrTime.optional(),
};
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const statsInput = z.object({ ...range, serviceTypeId: z.string().min(1).max(100).optional() }).optional();

export function qualityRouter(service: QualityService, platform: Pick<Platform, 'hub'>) {
  return router({
    /** Open reviews, oldest first. */
    queue: managerProcedure.query(() => service.queue()),

    /** Live: every review queued or submitted, as `tracked(eventId, { type, reviewId, orderId, reason })`. */
    onQueue: managerProcedure
      .input(z.object({ lastEventId: z.string().regex(/^\d+$/, 'must be an event id').nullish() }).optional())
      .subscription(async function* ({ input, ctx, signal }) {
        const after = input?.lastEventId ? Number(input.lastEventId) : null;
        yield* live(platform.hub, ctx.live, { channel: QUALITY, after, signal }, reviewView);
      }),

    /** A photo of the reviewed order: `{ kind, mimeType, dataBase64 }`. */
    photo: managerProcedure
      .input(z.object({ reviewId: id, kind: z.enum(['check_in', 'report']) }))
      .query(({ input }) => service.photo(input.reviewId, input.kind)),

    /** Reviews by state, newest first (the admin app's history). */
    list: managerProcedure
      .input(z.object({ status: z.enum(['open', 'submitted']).optional(), limit: z.number().int().min(1).max(500).default(100) }).optional())
      .query(({ input }) => service.list(input?.status, input?.limit ?? 100)),

    /** Draws a completed, not yet reviewed order uniformly at random and opens a review of it. */
    pickRandom: managerProcedure
      .input(z.object({ serviceTypeId: z.string().min(1).max(100).optional(), ...range }).optional())
      .mutation(({ input, ctx }) => service.pickRandom(ctx.account.accountId, input ?? {})),

    /** One review with everything about its order. */
    review: managerProcedure.input(z.object({ reviewId: id })).query(({ input }) => service.review(input.reviewId)),

    /** The form: what happened, verdict, contributing causes, hypotheses (new texts and existing ids). */
    submit: managerProcedure
      .input(
        z.object({
          reviewId: id,
          findings: text(10_000).refine((s) => s.trim().length > 0, 'say what happened'),
          hypotheses: z.array(text(500)).max(20, 'at most 20 hypotheses').default([]),
          verdict: z.enum(VERDICTS).default('unclear'),
          causeIds: z.array(id).max(30).default([]),
          otherCauses: z.array(text(300)).max(20).default([]),
          hypothesisIds: z.array(id).max(20).default([]),
        }),
      )
      .mutation(({ input, ctx }) => service.submit(ctx.account.accountId, input)),

    causes: router({
      list: managerProcedure
        .input(z.object({ includeRetired: z.boolean().default(false) }).optional())
        .query(({ input }) => service.causes(input?.includeRetired ?? false)),
      create: managerProcedure.input(z.object({ label: text(200).refine((s) => s.trim().length > 0, 'is required') })).mutation(({ input }) => service.createCause(input.label)),
      update: managerProcedure
        .input(z.object({ id, label: text(200).optional(), active: z.boolean().optional() }))
        .mutation(({ input }) => service.updateCause(input.id, { label: input.label, active: input.active })),
    }),

    hypotheses: router({
      list: managerProcedure.query(() => service.hypotheses()),
    }),

    /** Rates by week, service type and worker; the most supported hypotheses and causes; review counts. */
    stats: managerProcedure.input(statsInput).query(({ input }) => service.stats(input ?? {})),

    /** CSV text for download: `rates` (every breakdown), `hypotheses` or `reviews`. */
    exportCsv: managerProcedure
      .input(z.object({ kind: z.enum(['rates', 'hypotheses', 'reviews']).default('rates'), ...range, serviceTypeId: z.string().min(1).max(100).optional() }).optional())
      .query(({ input }) => service.exportCsv(input?.kind ?? 'rates', input ?? {})),
  });
}
