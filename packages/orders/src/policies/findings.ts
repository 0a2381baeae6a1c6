// Quality reviews are past results for matching: a finding of the worker's fault lowers its score.
import type { Reaction } from '@mcf/kernel';
import type { ReviewSubmittedIn } from '../events.ts';
import { scoped } from './roster.ts';

export function findingsReaction(): Reaction {
  return {
    name: 'orders.findings',
    on: ['quality.reviewSubmitted'],
    async run(raw, event) {
      const p = event.payload as ReviewSubmittedIn;
      if (!p?.reviewId || !p.orderId) return;
      const trx = scoped(raw);
      // The review names the worker; if not, the order's worker is the one reviewed.
      const workerId = p.workerId ?? (await trx.selectFrom('orders').select('worker_id').where('id', '=', p.orderId).executeTakeFirst())?.worker_id ?? null;
      await trx
        .insertInto('worker_finding')
        .values({ review_id: String(p.reviewId), order_id: p.orderId, worker_id: workerId, verdict: String(p.verdict ?? 'unclear'), at: event.at })
        .onConflict((oc) => oc.column('review_id').doNothing())
        .execute();
    },
  };
}
