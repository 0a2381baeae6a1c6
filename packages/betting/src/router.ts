// The tote's API: managers only. Everyone else gets FORBIDDEN (anonymous callers UNAUTHORIZED).
import { z } from 'zod';
import { live, managerProcedure, notFound, router, type LiveView, type Platform } from '@mcf/kernel';
import { OUTCOMES } from './domain/types.ts';
import { oddsChartSvg } from './domain/chart.ts';
import { oddsChannel, oddsOfEvent, type OddsChangedPayload } from './events.ts';
import { MAX_STAKE_CENTS, MAX_TOP_UP_CENTS, type Tote } from './tote.ts';

/** Every watcher of an order's odds sees the event's payload as it is (one JSON per event for all). */
const oddsView: LiveView<OddsChangedPayload> = { view: oddsOfEvent };

const orderId = z.string().uuid('must be an order id');
const cents = (max: number) =>
  z
    .number({ error: 'must be a number of cents' })
    .int('must be a whole number of cents')
    .positive('must be more than zero')
    .max(max, `must be at most ${max} cents`);

export interface BettingRouterDeps {
  tote: Tote;
  platform: Platform;
  nameOf: (id: string) => Promise<string | null>;
}

export function bettingRouter({ tote, platform, nameOf }: BettingRouterDeps) {
  const mustExist = async (id: string) => {
    if (!(await tote.exists(id))) notFound(`Order ${id}`);
  };
  return router({
    topUp: managerProcedure
      .input(z.object({ amountCents: cents(MAX_TOP_UP_CENTS) }))
      .mutation(({ ctx, input }) => tote.topUp(ctx.account.accountId, input.amountCents)),

    wallet: managerProcedure.query(({ ctx }) => tote.wallet(ctx.account.accountId)),

    placeBet: managerProcedure
      .input(z.object({ orderId, outcome: z.enum(OUTCOMES), amountCents: cents(MAX_STAKE_CENTS) }))
      .mutation(({ ctx, input }) => tote.placeBet(ctx.account.accountId, input.orderId, input.outcome, input.amountCents)),

    myBets: managerProcedure.query(({ ctx }) => tote.myBets(ctx.account.accountId)),

    odds: managerProcedure
      .input(z.object({ orderId }))
      .query(async ({ input }) => (await tote.odds(input.orderId)) ?? ((await tote.exists(input.orderId)) ? await tote.odds(input.orderId) : null) ?? notFound(`Order ${input.orderId}`)),

    /** Live odds: the current state first (the latest event), then every change; resumes after lastEventId. */
    onOdds: managerProcedure
      .input(z.object({ orderId, lastEventId: z.string().regex(/^\d+$/, 'must be an event id').nullish() }))
      .subscription(async function* ({ input, ctx, signal }) {
        await mustExist(input.orderId);
        const after = input.lastEventId ? Number(input.lastEventId) : null;
        yield* live(platform.hub, ctx.live, { channel: oddsChannel(input.orderId), after, latest: true, signal }, oddsView);
      }),

    /** How the odds moved, for the chart: every change in order, plus a ready-made small SVG. */
    history: managerProcedure.input(z.object({ orderId })).query(async ({ input }) => {
      await mustExist(input.orderId);
      const points = await tote.history(input.orderId);
      return { orderId: input.orderId, points, svg: oddsChartSvg(points) };
    }),

    openOrders: managerProcedure.query(() => tote.openOrders()),

    settlement: managerProcedure
      .input(z.object({ orderId }))
      .query(async ({ input }) => (await tote.settlement(input.orderId)) ?? notFound(`A settlement for order ${input.orderId} (it settles when the order ends)`)),

    /** The latest settled pools, newest first. */
    recentSettlements: managerProcedure.query(() => tote.recentSettlements()),

    leaderboard: managerProcedure.query(() => tote.leaderboard(nameOf)),
  });
}
