import type { ColumnType, Generated } from 'kysely';
import type { Role } from '@mcf/kernel';

export interface AccountTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  account_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface SignInAttemptTable {
  id: Generated<number>;
  email: string;
  address: string;
  succeeded: boolean;
  at: Date;
}

export interface LoginLinkTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string | null;
  expires_at: Date;
  used_at: Date | null;
}

export type PostingKind = 'charge' | 'payment' | 'earning' | 'fine' | 'credit' | 'payout';

export interface PostingTable {
  id: string;
  key: string;
  kind: PostingKind;
  account_id: string;
  at: Date;
  order_id: string | null;
  invoice_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface PostingLineTable {
  id: Generated<number>;
  posting_id: string;
  book: string;
  account_id: string | null;
  amount_cents: ColumnType<number, number, never>;
}

export type InvoiceKind = 'client_week' | 'worker_month';
export type InvoiceStatus = 'pending' | 'sending' | 'retrying' | 'paid' | 'failed';

export interface InvoiceTable {
  id: string;
  account_id: string;
  kind: InvoiceKind;
  period_end: ColumnType<string, string, string>;
  period_end_at: Date;
  total_cents: ColumnType<number, number, never>;
  status: InvoiceStatus;
  method: string;
  idempotency_key: string;
  key_generation: Generated<number>;
  attempts: Generated<number>;
  lease_until: Date | null;
  next_attempt_at: Date | null;
  last_error: string | null;
  last_outcome: string | null;
  provider_ref: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  paid_at: Date | null;
}

export interface InvoiceItemTable {
  posting_id: string;
  invoice_id: string;
}

export interface BillingPeriodTable {
  kind: InvoiceKind;
  period_end: ColumnType<string, string, never>;
  closed_at: ColumnType<Date, Date | undefined, never>;
  closed_by: string | null;
}

export interface PaymentMethodTable {
  account_id: string;
  method: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SimTransferTable {
  provider: string;
  key: string;
  account_id: string;
  amount_cents: ColumnType<number, number, never>;
  outcome: string;
  ref: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface AccountsDB {
  account: AccountTable;
  session: SessionTable;
  sign_in_attempt: SignInAttemptTable;
  login_link: LoginLinkTable;
  posting: PostingTable;
  posting_line: PostingLineTable;
  invoice: InvoiceTable;
  invoice_item: InvoiceItemTable;
  billing_period: BillingPeriodTable;
  payment_method: PaymentMethodTable;
  sim_transfer: SimTransferTable;
}
