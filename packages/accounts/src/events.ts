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
