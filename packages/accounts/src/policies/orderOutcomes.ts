// Order outcomes post the charges: the client is charged in full for a completed, canceled or failed
// order; the worker earns 60% of a completed one and is fined 40 CU for a failed one.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { EventPublisher, Logger, Reaction } from '@mcf/kernel';
import type { AccountsDB } from '../db/schema.ts';
import { postingsForOutcome, type OrderOutcomeStatus } from '../domain/ledger.ts';
import { post } from '../billing/ledger.ts';
import { ACCOUNTS, ACCOUNTS_SCHEMA_NAME, billingChanged, type BillingChanged } from '../events.ts';
import { partyAmount } from '../domain/ledger.ts';

const snapshot = z.object({
  orderId: z.string().min(1),
  clientId: z.string().uuid(),
  workerId: z.string().uuid().nullable().optional(),
  priceCents: z.number().int().nonnegative().nullable().optional(),
  at: z.string().optional(),
});

export const ORDER_OUTCOME_EVENTS = ['orders.completed', 'orders.canceled', 'orders.failed'] as const;

export const bookOrderOutcome = (log: Logger, events: EventPublisher): Reaction => ({
  name: 'accounts.bookOrderOutcome',
  on: ORDER_OUTCOME_EVENTS,
  async run(trx, event) {
    const parsed = snapshot.safeParse(event.payload);
    // A malformed event would fail the same way on every retry: say so loudly and book nothing.
    if (!parsed.success) {
      log.error({ eventId: event.id, type: event.type, issues: parsed.error.issues }, 'order outcome event is malformed; no charge booked');
      return;
    }
    const p = parsed.data;
    const status = event.type.slice('orders.'.length) as OrderOutcomeStatus;
    const at = p.at && !Number.isNaN(Date.parse(p.at)) ? new Date(p.at) : event.at;
    const db = trx.withSchema(ACCOUNTS_SCHEMA_NAME) as unknown as Kysely<AccountsDB>;
    const ids = [p.clientId, ...(p.workerId ? [p.workerId] : [])];
    const known = new Set((await db.selectFrom('account').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    const changed: BillingChanged[] = [];
    for (const d of postingsForOutcome({ orderId: p.orderId, clientId: p.clientId, workerId: p.workerId ?? null, status, priceCents: p.priceCents ?? null, at })) {
      if (!known.has(d.accountId)) {
        log.error({ eventId: event.id, orderId: p.orderId, accountId: d.accountId, kind: d.kind }, 'order outcome names an unknown account; entry not booked');
        continue;
      }
      if (await post(db, d)) changed.push(billingChanged({ accountId: d.accountId, what: 'entry', kind: d.kind, invoiceId: null, status: null, amountCents: partyAmount(d) }));
    }
    await events.publish(trx, ACCOUNTS, changed);
  },
});
