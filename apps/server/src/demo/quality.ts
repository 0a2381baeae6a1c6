// Demo quality reviews, through the public API: managers review some canceled orders (their
// hypotheses add up) and draw a completed one at random, so the statistics page has something to show.
import type { Writable } from 'node:stream';
import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from '../router.ts';
import { progress } from './progress.ts';

type Api = TRPCClient<AppRouter>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const FINDINGS = [
  { findings: 'The client found the jar themselves before the worker set out.', verdict: 'client_fault', hypotheses: ['Confirm bookings with the client a day ahead'], other: ['Jar found by the client'] },
  { findings: 'Canceled the evening before; the client was unsure what the service covers.', verdict: 'no_fault', hypotheses: ['Describe each service type with a photo', 'Confirm bookings with the client a day ahead'], other: [] },
  { findings: 'Client changed plans after the booking; nothing went wrong on our side.', verdict: 'client_fault', hypotheses: ['confirm bookings with the client a day ahead.'], other: ['Jar found by the client'] },
] as const;

export async function seedQuality(managers: Api[], out: Writable) {
  if (managers.length === 0) return;
  const [first] = managers;
  // Canceled orders reach the queue through a durable reaction: give it a moment.
  let queue = await first.quality.queue.query();
  for (let i = 0; i < 40 && queue.filter((q) => q.reason === 'canceled').length < FINDINGS.length; i++) {
    await sleep(250);
    queue = await first.quality.queue.query();
  }
  const canceled = queue.filter((q) => q.reason === 'canceled').slice(0, FINDINGS.length);
  const bar = progress(out, 'quality reviews', canceled.length + 1);
  const causes = await first.quality.causes.list.query();
  const changedPlans = causes.find((c) => c.label === 'Client changed plans');
  for (const [i, item] of canceled.entries()) {
    const f = FINDINGS[i];
    await managers[i % managers.length].quality.submit.mutate({
      reviewId: item.id,
      findings: f.findings,
      verdict: f.verdict,
      hypotheses: [...f.hypotheses],
      causeIds: changedPlans && f.verdict === 'client_fault' ? [changedPlans.id] : [],
      otherCauses: [...f.other],
    });
    bar.tick();
  }
  // One completed order drawn at random and found fine.
  const drawn = await first.quality.pickRandom.mutate().catch(() => null);
  if (drawn) {
    await first.quality.submit.mutate({ reviewId: drawn.id, findings: 'Called the client: happy with the work, the report was signed on the spot.', verdict: 'no_fault', hypotheses: ['Ask every client for a rating after the visit'] });
  }
  bar.end();
}
