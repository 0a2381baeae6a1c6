import type { ColumnType } from 'kysely';
import type { OrderStatus } from '../domain/stats.ts';
import type { ReviewReason, ReviewStatus, Verdict } from '../domain/review.ts';

type Created = ColumnType<Date, Date | undefined, never>;

/** Our own projection of every order, from orders.* events (latest snapshot wins by event id). */
export interface OrderFactTable {
  order_id: string;
  client_id: string;
  worker_id: string | null;
  service_type_id: string;
  service_type_name: string;
  status: OrderStatus;
  price_cents: number | null;
  scheduled_at: Date;
  place: string;
  description: string;
  copy_of: string | null;
  reason: string | null;
  no_show: boolean;
  ended_at: Date | null;
  last_event_id: number;
  updated_at: Date;
}

/** Every orders.* event about an order: its timeline as quality saw it. */
export interface OrderEventTable {
  event_id: number;
  order_id: string;
  type: string;
  status: string;
  worker_id: string | null;
  reason: string | null;
  at: Date;
}

/** The latest state of each supply request (supplies.* events). */
export interface SupplyFactTable {
  request_id: string;
  order_id: string;
  worker_id: string | null;
  cookie: string | null;
  state: string | null;
  last_type: string;
  last_event_id: number;
  updated_at: Date;
}

export interface ReviewTable {
  id: string;
  order_id: string;
  reason: ReviewReason;
  status: ReviewStatus;
  created_at: Created;
  /** Who drew it (random draws); null when the queue added it by itself. */
  created_by: string | null;
  submitted_at: Date | null;
  submitted_by: string | null;
  verdict: Verdict | null;
  findings: string | null;
  /** Free-text contributing causes (beyond the managed list). */
  other_causes: ColumnType<string[], string | undefined, string>;
}

export interface CauseTable {
  id: string;
  label: string;
  normalized: string;
  active: boolean;
  created_at: Created;
}

export interface ReviewCauseTable {
  review_id: string;
  cause_id: string;
}

export interface HypothesisTable {
  id: string;
  text: string;
  normalized: string;
  created_at: Created;
  created_by: string | null;
}

export interface ReviewHypothesisTable {
  review_id: string;
  hypothesis_id: string;
}

export interface QualityDB {
  order_fact: OrderFactTable;
  order_event: OrderEventTable;
  supply_fact: SupplyFactTable;
  review: ReviewTable;
  cause: CauseTable;
  review_cause: ReviewCauseTable;
  hypothesis: HypothesisTable;
  review_hypothesis: ReviewHypothesisTable;
}

