// Writes postings; the database checks at commit that each balances and never lets one change.
import type { Kysely } from 'kysely';
import { newId } from '@mcf/kernel';
import type { AccountsDB } from '../db/schema.ts';
import { isBalanced, type PostingDraft } from '../domain/ledger.ts';

/** Posts once per key; returns the new posting's id, or null when that cause was already posted. */
export async function post(trx: Kysely<AccountsDB>, d: PostingDraft): Promise<string | null> {
  if (!isBalanced(d.lines)) throw new Error(`posting ${d.key} does not balance`);
  const id = newId();
  const inserted = await trx
    .insertInto('posting')
    .values({ id, key: d.key, kind: d.kind, account_id: d.accountId, at: d.at, order_id: d.orderId, invoice_id: d.invoiceId, note: d.note, created_by: d.createdBy })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  await trx
    .insertInto('posting_line')
    .values(d.lines.map((l) => ({ posting_id: id, book: l.book, account_id: l.accountId, amount_cents: l.amountCents })))
    .execute();
  return id;
}
