// Events the accounts context publishes (names and payloads are a contract with other contexts).
import type { NewEvent, Role } from '@mcf/kernel';

export const ACCOUNTS = 'accounts';
export const ACCOUNTS_SCHEMA_NAME = 'accounts';

export interface AccountCreatedPayload {
  accountId: string;
  role: Role;
  name: string;
  email: string;
}
export type AccountCreated = NewEvent<'accounts.accountCreated', AccountCreatedPayload>;

export const accountCreated = (p: AccountCreatedPayload): AccountCreated => ({
  type: 'accounts.accountCreated',
  channels: ['accounts', `account:${p.accountId}`],
  payload: p,
});

/** Something on an account's bill changed: a new entry, or an invoice created or settled. Live views re-read the statement. */
export interface BillingChangedPayload {
  accountId: string;
  what: 'entry' | 'invoice';
  kind: string;
  invoiceId: string | null;
  status: string | null;
  amountCents: number | null;
}
export type BillingChanged = NewEvent<'accounts.billingChanged', BillingChangedPayload>;

export const billingChanged = (p: BillingChangedPayload): BillingChanged => ({
  type: 'accounts.billingChanged',
  channels: ['billing', `account:${p.accountId}`],
  payload: p,
});
