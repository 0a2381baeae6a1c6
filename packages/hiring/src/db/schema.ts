import type { ColumnType, Generated } from 'kysely';
import type { Decision, Status } from '../domain/application.ts';

type Created = ColumnType<Date, Date | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface ApplicationTable {
  id: string;
  name: string;
  age: number;
  breed: string;
  coat_color: string;
  contact: string;
  contact_key: string;
  status: Status;
  has_photo: boolean;
  /** The address it came from (abuse investigations). */
  address: string;
  created_at: Created;
  contacted_at: Date | null;
  /** Combined traits once every assigned test is scored; this is what the population is made of. */
  traits: Json<Record<string, number>> | null;
  scored_at: Date | null;
  decision: Decision | null;
  decision_score: number | null;
  config_version: number | null;
  decided_at: Date | null;
  decided_by: string | null;
  /** Reserved before the worker account is created, so a retried decision creates the same account. */
  worker_id: string | null;
}

export interface PhotoTable {
  application_id: string;
  mime_type: string;
  bytes: Buffer;
}

export interface CandidateTable {
  id: string;
  application_id: string;
  token_hash: string;
  created_at: Created;
  expires_at: Date;
}

export interface TestTable {
  id: string;
  application_id: string;
  position: number;
  kind: string;
  params: Json<unknown>;
  seed: string;
  state: 'assigned' | 'started' | 'done';
  assigned_by: string;
  assigned_at: Date;
  started_at: Date | null;
  submitted_at: Date | null;
  answer: Json<unknown> | null;
  traits: Json<Record<string, number>> | null;
  summary: string | null;
}

export interface ScreeningConfigTable {
  version: Generated<number>;
  config: Json<unknown>;
  note: string;
  created_by: string | null;
  created_at: Created;
}

export interface SettingTable {
  key: string;
  value: Json<unknown>;
}

export interface UsedChallengeTable {
  id: string;
  expires_at: Date;
}

export interface HiringDB {
  application: ApplicationTable;
  photo: PhotoTable;
  candidate: CandidateTable;
  test: TestTable;
  screening_config: ScreeningConfigTable;
  setting: SettingTable;
  used_challenge: UsedChallengeTable;
}
