import type { ColumnType, Generated } from 'kysely';
import type { CookieState, RequestState } from '../domain/request.ts';

export interface RequestTable {
  id: string;
  order_id: string;
  worker_id: string;
  worker_name: string;
  client_id: string;
  client_name: string;
  service_type_name: string;
  scheduled_at: Date;
  place: string;
  description: string;
  state: RequestState;
  cookie: CookieState;
  cookie_reason: string | null;
  cookie_due_at: Date | null;
  cookie_arrived_at: Date | null;
  bakery_order_id: string | null;
  bakery_attempts: Generated<number>;
  /** Bumped by every cookie-order round (a clerk's retry starts a new one); part of the job keys. */
  cookie_round: Generated<number>;
  fortune: string | null;
  issued_at: Date | null;
  issued_by: string | null;
  withdrawn_reason: string | null;
  /** The id of the last order event applied (older ones arriving late are ignored). */
  order_event_id: number;
  version: Generated<number>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface SuppliesDB {
  request: RequestTable;
}
