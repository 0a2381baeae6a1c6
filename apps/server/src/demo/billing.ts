// Demo billing data: two tester clients imported from the roster (with their one-time login links)
// and manager credits for a few workers. Order charges appear as the demo's orders end.
import type { Writable } from 'node:stream';
import type { App } from '../app.ts';

export async function seedBilling(app: App, opts: { out: Writable; baseUrl?: string }) {
  const { accounts } = app.contexts;
  const managers = await accounts.facade.listByRole('manager');
  const workers = await accounts.facade.listByRole('worker');
  const { clients } = await accounts.facade.importTesters(
    [
      { externalId: 'hcb-demo-1', name: 'Whiskers (HCB tester)', email: 'whiskers@hcb.demo' },
      { externalId: 'hcb-demo-2', name: 'Paws (HCB tester)', email: 'paws@hcb.demo' },
    ],
    managers[0]?.id ?? null,
  );
  const manager = managers[0];
  if (manager) {
    const reasons = ['Covered a colleague’s shift', 'Spotless report', 'Came in the rain'];
    for (const [i, w] of workers.slice(0, 3).entries()) {
      const st = await accounts.billing.statementOf(w.id);
      if (st.entries.some((e) => e.kind === 'credit')) continue;
      await accounts.billing.creditWorker({ workerId: w.id, amountCents: 1_500 * (i + 1), reason: reasons[i] }, manager.id);
    }
  }
  const base = (opts.baseUrl ?? '').replace(/\/$/, '');
  for (const c of clients) {
    if (c.loginToken) opts.out.write(`  tester login link: ${base}/login/link?token=${encodeURIComponent(c.loginToken)}\n`);
  }
}
