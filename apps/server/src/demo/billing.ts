// Demo billing, through the public API: a manager credits a few workers (who and why are kept).
// Order charges, earnings and fines appear by themselves as the demo's orders end.
import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from '../router.ts';

const REASONS = ['Covered a colleague’s shift', 'Spotless report', 'Came in the rain'];

export async function seedCredits(manager: TRPCClient<AppRouter>, workerIds: string[]) {
  for (const [i, workerId] of workerIds.slice(0, REASONS.length).entries()) {
    const st = await manager.accounts.billing.statement.query({ accountId: workerId });
    if (st.entries.some((e) => e.kind === 'credit')) continue; // seeded before
    await manager.accounts.billing.creditWorker.mutate({ workerId, amountCents: 1_500 * (i + 1), reason: REASONS[i] });
  }
}
