// Order outcomes post the charges: the client is charged in full for a completed, canceled or failed
// order; the worker earns 60% of a completed one and is fined 40 CU for a failed one.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Reaction } from '@mcf/kernel';
import type { AccountsDB } from '../db/schema.ts';
import { postingsForOutcome, type OrderOutcomeStatus } from '../domain/ledger.ts';
import { post } from '../billing/ledger.ts';
import { ACCOUNTS_SCHEMA_NAME } from '../events.ts';

const snapshot = z.object({
  orderId: z.string().min(1),
  clientId: z.string().uuid(),
  workerId: z.string().uuid().nullable().optional(),
  priceCents: z.number().int().nonnegative().nullable().optional(),
  at: z.string().optional(),
});

export const ORDER_OUTCOME_EVENTS = ['orders.completed', 'orders.canceled', 'orders.failed'] as const;

export const bookOrderOutcome: Reaction = {
  name: 'accounts.bookOrderOutcome',
  on: ORDER_OUTCOME_EVENTS,
  async run(trx, event) {
    const p = snapshot.parse(event.payload);
    const status = event.type.slice('orders.'.length) as OrderOutcomeStatus;
    const at = p.at && !Number.isNaN(Date.parse(p.at)) ? new Date(p.at) : event.at;
    const db = trx.withSchema(ACCOUNTS_SCHEMA_NAME) as unknown as Kysely<AccountsDB>;
    for (const d of postingsForOutcome({ orderId: p.orderId, clientId: p.clientId, workerId: p.workerId ?? null, status, priceCents: p.priceCents ?? null, at })) {
      await post(db, d);
    }
  },
};
