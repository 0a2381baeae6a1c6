// Kysely table types of the `orders` schema.
import type { ColumnType, Generated } from 'kysely';
import type { OrderStatus } from '../events.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface ServiceTypeTable {
  id: string;
  name: string;
  description: string;
  /** How long an order of this type keeps its worker busy (availability). */
  duration_minutes: number;
  retired_at: Date | null;
  created_at: CreatedAt;
}

export interface OrderTable {
  id: string;
  client_id: string;
  worker_id: string | null;
  service_type_id: string;
  service_type_name: string;
  description: string;
  place: string;
  scheduled_at: Date;
  ends_at: Date;
  status: OrderStatus;
  price_cents: number | null;
  base_price_cents: number | null;
  discount_percent: number | null;
  copy_of: string | null;
  reason: string | null;
  no_show: boolean;
  previous_worker_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface TransitionTable {
  id: Generated<number>;
  order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  at: Date;
  actor: string;
  actor_id: string | null;
  note: string | null;
}

export interface MatchTable {
  id: Generated<number>;
  order_id: string;
  worker_id: string;
  pipeline_version: number;
  fallback: boolean;
  explanation: unknown;
  at: Date;
}

export interface PhotoTable {
  order_id: string;
  kind: 'check_in' | 'report';
  mime_type: string;
  data: Buffer;
  size_bytes: number;
  uploaded_by: string;
  at: Date;
}

export interface WorkerTable {
  id: string;
  name: string;
  registered_at: Date;
}

export interface WorkerTraitsTable {
  worker_id: string;
  application_id: string | null;
  traits: unknown;
  updated_at: Date;
}

export interface WorkerFindingTable {
  review_id: string;
  order_id: string;
  worker_id: string | null;
  verdict: string;
  at: Date;
}

export interface PipelineVersionTable {
  version: number;
  config: unknown;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface OrdersDB {
  service_type: ServiceTypeTable;
  orders: OrderTable;
  order_transition: TransitionTable;
  order_match: MatchTable;
  order_photo: PhotoTable;
  worker: WorkerTable;
  worker_traits: WorkerTraitsTable;
  worker_finding: WorkerFindingTable;
  pipeline_version: PipelineVersionTable;
}
