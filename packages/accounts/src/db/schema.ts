import type { ColumnType, Generated } from 'kysely';
import type { Role } from '@mcf/kernel';

export interface AccountTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
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

export interface AccountsDB {
  account: AccountTable;
  session: SessionTable;
  sign_in_attempt: SignInAttemptTable;
}
