import type { ColumnType, Generated } from 'kysely';
import type { Outcome, OrderStatus } from '../domain/types.ts';

type Big = ColumnType<string, number | string, number | string>;
type BigDefault = ColumnType<string, number | string | undefined, number | string>;

export interface OrderStateTable {
  order_id: string;
  status: OrderStatus;
  service_type_name: string;
  description: string;
  place: string;
  scheduled_at: Date | null;
  opened_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  last_event_id: Big;
  completed_cents: BigDefault;
  canceled_cents: BigDefault;
  failed_cents: BigDefault;
}

export interface WalletTable {
  manager_id: string;
  balance_cents: Big;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface BetTable {
  id: string;
  order_id: string;
  manager_id: string;
  outcome: Outcome;
  amount_cents: Big;
  placed_at: Date;
  status: 'open' | 'won' | 'lost' | 'refunded';
}

export interface WalletEntryTable {
  id: Generated<string>;
  manager_id: string;
  kind: 'top_up' | 'stake' | 'payout' | 'refund';
  amount_cents: Big;
  balance_after_cents: Big;
  order_id: string | null;
  bet_id: string | null;
  at: Date;
}

export interface SettlementTable {
  order_id: string;
  outcome: Outcome;
  closed_at: Date;
  pool_cents: Big;
  refunded_cents: Big;
  developers_bank_cents: Big;
  event_id: Big;
  settled_at: Date;
}

export interface SettlementPayoutTable {
  order_id: string;
  manager_id: string;
  stake_cents: Big;
  winning_stake_cents: Big;
  payout_cents: Big;
}

export interface OddsPointTable {
  id: Generated<string>;
  order_id: string;
  at: Date;
  open: boolean;
  completed_cents: Big;
  canceled_cents: Big;
  failed_cents: Big;
}

export interface BettingDB {
  order_state: OrderStateTable;
  wallet: WalletTable;
  bet: BetTable;
  wallet_entry: WalletEntryTable;
  settlement: SettlementTable;
  settlement_payout: SettlementPayoutTable;
  odds_point: OddsPointTable;
}
