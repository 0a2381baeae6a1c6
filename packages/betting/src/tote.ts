// The tote's use cases over its own schema: wallets, bets, live odds, settlement, the leaderboard.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { DomainError, formatCu, newId, type Cents, type Platform, type StoredEvent, type Trx } from '@mcf/kernel';
import type { BettingDB } from './db/schema.ts';
import { emptyStakes, oddsView, poolOf } from './domain/odds.ts';
import { settle, splitByCutoff } from './domain/settlement.ts';
import { OUTCOMES, STATUS_RANK, isOpenStatus, isOutcome, type OddsView, type OrderStatus, type Outcome, type Stakes } from './domain/types.ts';
import { BETTING, ODDS_CHANGED, oddsChannel, oddsChanged, type OrderSnapshotLike } from './events.ts';
import type { OddsPoint } from './domain/chart.ts';

export const BETTING_SCHEMA = 'betting';
export const MAX_TOP_UP_CENTS = 10_000_000; // 100,000 CU at a time
export const MAX_STAKE_CENTS = 10_000_000;

type DB = Kysely<BettingDB>;
type Tx = Transaction<BettingDB>;

const n = (v: string | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

interface OrderRow {
  order_id: string;
  status: OrderStatus;
  started_at: Date | null;
  ended_at: Date | null;
  completed_cents: string;
  canceled_cents: string;
  failed_cents: string;
}

const stakesOf = (r: Pick<OrderRow, 'completed_cents' | 'canceled_cents' | 'failed_cents'>): Stakes => ({
  completed: n(r.completed_cents),
  canceled: n(r.canceled_cents),
  failed: n(r.failed_cents),
});

function closedReason(status: OrderStatus) {
  return status === 'started' || isOpenStatus(status) ? 'it has already started' : `it has already ended (${status})`;
}

export interface WalletEntryView {
  id: string;
  at: string;
  kind: 'top_up' | 'stake' | 'payout' | 'refund';
  amountCents: Cents;
  balanceAfterCents: Cents;
  orderId: string | null;
  betId: string | null;
}

export class Tote {
  readonly db: DB;
  constructor(
    private readonly platform: Platform,
    /** The orders facade's getOrder, for an order the projection has not heard of yet. */
    private readonly lookupOrder?: (orderId: string) => Promise<OrderSnapshotLike | null>,
  ) {
    this.db = platform.db.withSchema(BETTING_SCHEMA) as unknown as DB;
  }

  /**
   * The projection lags orders' events by a moment; a bet on a brand-new order should not fail for
   * that. If orders (asked through its facade) says the order exists and is open, project it now;
   * its `orders.created` reaction later finds the row and adds nothing.
   */
  private async catchUp(orderId: string): Promise<boolean> {
    const snap = await this.lookupOrder?.(orderId).catch(() => null);
    if (!snap || !isOpenStatus(snap.status as OrderStatus)) return false;
    const at = snap.at ? new Date(snap.at) : this.platform.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('order_state')
        .values({
          order_id: orderId,
          status: snap.status as OrderStatus,
          opened_at: at,
          last_event_id: 0,
          service_type_name: snap.serviceTypeName ?? '',
          description: snap.description ?? '',
          place: snap.place ?? '',
          scheduled_at: snap.scheduledAt ? new Date(snap.scheduledAt) : null,
        })
        .onConflict((oc) => oc.column('order_id').doNothing())
        .returning('order_id')
        .executeTakeFirst();
      if (inserted) await this.publishOdds(trx as unknown as Trx, orderId, true, emptyStakes(), at);
    });
    return true;
  }

  private tx(trx: Trx): Tx {
    return trx.withSchema(BETTING_SCHEMA) as unknown as Tx;
  }

  // ---------------------------------------------------------------- wallets

  async topUp(managerId: string, amountCents: Cents) {
    const at = this.platform.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const w = await trx
        .insertInto('wallet')
        .values({ manager_id: managerId, balance_cents: amountCents })
        .onConflict((oc) => oc.column('manager_id').doUpdateSet({ balance_cents: sql`wallet.balance_cents + excluded.balance_cents` }))
        .returning('balance_cents')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('wallet_entry')
        .values({ manager_id: managerId, kind: 'top_up', amount_cents: amountCents, balance_after_cents: w.balance_cents, at })
        .execute();
      return { balanceCents: n(w.balance_cents) };
    });
  }

  async wallet(managerId: string, limit = 100) {
    const w = await this.db.selectFrom('wallet').select('balance_cents').where('manager_id', '=', managerId).executeTakeFirst();
    const rows = await this.db.selectFrom('wallet_entry').selectAll().where('manager_id', '=', managerId).orderBy('id', 'desc').limit(limit).execute();
    const entries: WalletEntryView[] = rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      kind: r.kind,
      amountCents: n(r.amount_cents),
      balanceAfterCents: n(r.balance_after_cents),
      orderId: r.order_id,
      betId: r.bet_id,
    }));
    return { balanceCents: n(w?.balance_cents), entries };
  }

  // ---------------------------------------------------------------- bets and odds

  async placeBet(managerId: string, orderId: string, outcome: Outcome, amountCents: Cents): Promise<{ betId: string; balanceCents: Cents }> {
    try {
      return await this.placeBetOnce(managerId, orderId, outcome, amountCents);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND' && (await this.catchUp(orderId))) return this.placeBetOnce(managerId, orderId, outcome, amountCents);
      throw e;
    }
  }

  private async placeBetOnce(managerId: string, orderId: string, outcome: Outcome, amountCents: Cents) {
    const at = this.platform.clock.now();
    const betId = newId();
    const amt = amountCents;
    const add = (o: Outcome) => (o === outcome ? amt : 0);
    // One statement, run on its own, does the whole bet — and appends its odds event (the kernel's
    // publishInStatement) — so the order row (the pool's lock) is held only inside PostgreSQL, never
    // across a round trip: lock the open order, debit the wallet only if it holds enough (row lock +
    // `balance >= amount`: never negative), record the bet, add it to the pool, write the wallet entry
    // and the chart point. Bets on one order take turns on the order row, so every odds event carries
    // totals that include all earlier bets, and subscribers converge to the final pool.
    const { rows } = await this.platform.events.publishInStatement<{ open: boolean; balance_cents: string | null; placed: boolean }>(
      this.platform.db,
      BETTING,
      {
        with: sql`
        o as (
          select order_id from betting.order_state
          where order_id = ${orderId} and status in ('created', 'matched', 'supplied') and started_at is null and ended_at is null
          for update
        ),
        w as (
          update betting.wallet set balance_cents = balance_cents - ${amt}
          where manager_id = ${managerId} and balance_cents >= ${amt} and exists (select 1 from o)
          returning balance_cents
        ),
        b as (
          insert into betting.bet (id, order_id, manager_id, outcome, amount_cents, placed_at, status)
          select ${betId}, ${orderId}, ${managerId}, ${outcome}, ${amt}, ${at}, 'open' from w
          returning id
        ),
        p as (
          update betting.order_state
          set completed_cents = completed_cents + ${add('completed')}, canceled_cents = canceled_cents + ${add('canceled')}, failed_cents = failed_cents + ${add('failed')}
          where order_id = ${orderId} and exists (select 1 from b)
          returning completed_cents, canceled_cents, failed_cents
        ),
        e as (
          insert into betting.wallet_entry (manager_id, kind, amount_cents, balance_after_cents, order_id, bet_id, at)
          select ${managerId}, 'stake', ${-amt}, w.balance_cents, ${orderId}, ${betId}, ${at} from w
        ),
        c as (
          insert into betting.odds_point (order_id, at, open, completed_cents, canceled_cents, failed_cents)
          select ${orderId}, ${at}, true, p.completed_cents, p.canceled_cents, p.failed_cents from p
        )`,
        select: sql`
        select exists (select 1 from o) as open, w.balance_cents, p.completed_cents is not null as placed,
          -- oddsChanged(OddsChangedStored), as events.ts builds it
          case when p.completed_cents is not null then jsonb_build_object(
            'type', ${ODDS_CHANGED}::text, 'channels', jsonb_build_array(${oddsChannel(orderId)}::text),
            'payload', jsonb_build_object('orderId', ${orderId}::text, 'open', true, 'at', ${at.toISOString()}::text,
              'stakes', jsonb_build_object('completed', p.completed_cents, 'canceled', p.canceled_cents, 'failed', p.failed_cents)))
          end as event
        from (select 1) one left join w on true left join p on true`,
      },
    );
    const row = rows[0];
    if (!row.open) {
      const order = await this.db.selectFrom('order_state').select(['status']).where('order_id', '=', orderId).executeTakeFirst();
      if (!order) throw new DomainError('NOT_FOUND', `Order ${orderId} is not open for betting (unknown order)`);
      throw new DomainError('CONFLICT', `Betting on this order is closed: ${closedReason(order.status)}`);
    }
    if (row.balance_cents === null || !row.placed) {
      const cur = await this.db.selectFrom('wallet').select('balance_cents').where('manager_id', '=', managerId).executeTakeFirst();
      throw new DomainError(
        'CONFLICT',
        `Not enough money in your betting wallet: the stake is ${formatCu(amt)} but the wallet holds ${formatCu(n(cur?.balance_cents))}; top up first`,
      );
    }
    return { betId, balanceCents: n(row.balance_cents) };
  }

  /** Records the odds point for the chart and publishes `betting.oddsChanged` (last step of the transaction). */
  private async publishOdds(trx: Trx, orderId: string, open: boolean, stakes: Stakes, at: Date) {
    const t = this.tx(trx);
    await t
      .insertInto('odds_point')
      .values({ order_id: orderId, at, open, completed_cents: stakes.completed, canceled_cents: stakes.canceled, failed_cents: stakes.failed })
      .execute();
    await this.platform.events.publish(trx, BETTING, [oddsChanged({ orderId, open, stakes, at: at.toISOString() })]);
  }

  async odds(orderId: string): Promise<OddsView | null> {
    const r = (await this.db.selectFrom('order_state').selectAll().where('order_id', '=', orderId).executeTakeFirst()) as OrderRow | undefined;
    return r ? oddsView(orderId, isOpenStatus(r.status), stakesOf(r)) : null;
  }

  async exists(orderId: string) {
    if (await this.db.selectFrom('order_state').select('order_id').where('order_id', '=', orderId).executeTakeFirst()) return true;
    return this.catchUp(orderId);
  }

  async history(orderId: string): Promise<OddsPoint[]> {
    // The latest 2,000 changes (a chart has no use for more), oldest first.
    const rows = (await this.db.selectFrom('odds_point').selectAll().where('order_id', '=', orderId).orderBy('id', 'desc').limit(2000).execute()).reverse();
    return rows.map((r) => {
      const v = oddsView(orderId, r.open, stakesOf(r));
      return { at: r.at.toISOString(), open: r.open, poolCents: v.poolCents, outcomes: v.outcomes };
    });
  }

  async openOrders(limit = 200) {
    const rows = await this.db
      .selectFrom('order_state')
      .selectAll()
      .where('status', 'in', ['created', 'matched', 'supplied'])
      .orderBy('opened_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      orderId: r.order_id,
      status: r.status,
      serviceTypeName: r.service_type_name,
      description: r.description,
      place: r.place,
      scheduledAt: r.scheduled_at?.toISOString() ?? null,
      odds: oddsView(r.order_id, true, stakesOf(r as unknown as OrderRow)),
    }));
  }

  async myBets(managerId: string, limit = 200) {
    const rows = await this.db.selectFrom('bet').selectAll().where('manager_id', '=', managerId).orderBy('placed_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ betId: r.id, orderId: r.order_id, outcome: r.outcome, amountCents: n(r.amount_cents), placedAt: r.placed_at.toISOString(), status: r.status }));
  }

  // ---------------------------------------------------------------- settlement and standings

  async settlement(orderId: string) {
    const s = await this.db.selectFrom('settlement').selectAll().where('order_id', '=', orderId).executeTakeFirst();
    if (!s) return null;
    const rows = await this.db.selectFrom('settlement_payout').selectAll().where('order_id', '=', orderId).orderBy('manager_id').execute();
    return {
      orderId,
      outcome: s.outcome,
      poolCents: n(s.pool_cents),
      refundedCents: n(s.refunded_cents),
      closedAt: s.closed_at.toISOString(),
      settledAt: s.settled_at.toISOString(),
      payouts: rows.map((r) => ({ managerId: r.manager_id, stakeCents: n(r.stake_cents), winningStakeCents: n(r.winning_stake_cents), payoutCents: n(r.payout_cents) })),
      developersBankCents: n(s.developers_bank_cents),
    };
  }

  async recentSettlements(limit = 50) {
    const rows = await this.db
      .selectFrom('settlement')
      .innerJoin('order_state', 'order_state.order_id', 'settlement.order_id')
      .select(['settlement.order_id', 'settlement.outcome', 'settlement.pool_cents', 'settlement.developers_bank_cents', 'settlement.settled_at', 'order_state.service_type_name', 'order_state.description'])
      .orderBy('settlement.settled_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      orderId: r.order_id,
      outcome: r.outcome,
      poolCents: n(r.pool_cents),
      developersBankCents: n(r.developers_bank_cents),
      settledAt: r.settled_at.toISOString(),
      serviceTypeName: r.service_type_name,
      description: r.description,
    }));
  }

  async leaderboard(nameOf: (id: string) => Promise<string | null>) {
    const rows = await this.db
      .selectFrom('wallet')
      .leftJoin('settlement_payout', 'settlement_payout.manager_id', 'wallet.manager_id')
      .select((eb) => [
        'wallet.manager_id as managerId',
        eb.fn.coalesce(eb.fn.sum<string>('settlement_payout.stake_cents'), sql<string>`0`).as('staked'),
        eb.fn.coalesce(eb.fn.sum<string>('settlement_payout.payout_cents'), sql<string>`0`).as('won'),
        eb.fn.count<string>('settlement_payout.order_id').as('orders'),
      ])
      .groupBy('wallet.manager_id')
      .execute();
    const bank = await this.db.selectFrom('settlement').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('developers_bank_cents'), sql<string>`0`).as('total')).executeTakeFirstOrThrow();
    const entries = await Promise.all(
      rows.map(async (r) => ({
        managerId: r.managerId,
        name: (await nameOf(r.managerId)) ?? 'unknown manager',
        netCents: n(r.won) - n(r.staked),
        stakedCents: n(r.staked),
        wonCents: n(r.won),
        settledOrders: n(r.orders),
      })),
    );
    entries.sort((a, b) => b.netCents - a.netCents || a.name.localeCompare(b.name));
    return { entries, developersBankCents: n(bank.total) };
  }

  /**
   * The reaction to every orders.* event: keep the projection (moving only forward), close betting
   * when the order starts or ends, and settle when it ends. Runs once per event (kernel), and is
   * idempotent by itself too: a second settlement of one order finds the settlement row and stops.
   */
  async onOrderEvent(trx: Trx, event: StoredEvent) {
    const t = this.tx(trx);
    const snap = event.payload as OrderSnapshotLike;
    const type = event.type.slice('orders.'.length) as OrderStatus;
    if (!(type in STATUS_RANK) || !snap?.orderId) return;
    const at = snap.at ? new Date(snap.at) : event.at;
    const orderId = snap.orderId;
    const details = {
      service_type_name: snap.serviceTypeName ?? '',
      description: snap.description ?? '',
      place: snap.place ?? '',
      scheduled_at: snap.scheduledAt ? new Date(snap.scheduledAt) : null,
    };
    const terminal = isOutcome(type);
    const inserted = await t
      .insertInto('order_state')
      .values({ order_id: orderId, status: type, opened_at: at, last_event_id: event.id, ...details })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .returning('order_id')
      .executeTakeFirst();
    const before = (await t.selectFrom('order_state').selectAll().where('order_id', '=', orderId).forUpdate().executeTakeFirstOrThrow()) as unknown as OrderRow & { last_event_id: string };
    const wasOpen = inserted ? true : isOpenStatus(before.status) && !before.started_at && !before.ended_at;
    const nowOpen = wasOpen && isOpenStatus(type);
    const forward = STATUS_RANK[type] > STATUS_RANK[before.status];
    const newer = event.id >= n(before.last_event_id);
    const changes = {
      ...(forward ? { status: type } : {}),
      ...(newer ? { ...details, last_event_id: event.id } : {}),
      ...(type === 'started' && (!before.started_at || before.started_at > at) ? { started_at: at } : {}),
      ...(terminal && !before.ended_at ? { ended_at: at } : {}),
    };
    // An older event arriving after a newer one may change nothing (and `update … set` with no column is invalid SQL).
    if (Object.keys(changes).length > 0) await t.updateTable('order_state').set(changes).where('order_id', '=', orderId).execute();

    if (terminal) {
      await this.settle(trx, orderId, type, at, event);
      return;
    }
    // A new order shows its (empty) pool; a started one shows that betting closed.
    if (inserted || wasOpen !== nowOpen) await this.publishOdds(trx, orderId, nowOpen, stakesOf(before), at);
  }

  /** When betting closed: the earliest start or end the orders context reported for this order, up to `event`. */
  private async closedAt(orderId: string, event: StoredEvent, endedAt: Date, startedAt: Date | null): Promise<Date> {
    let closed = startedAt && startedAt < endedAt ? startedAt : endedAt;
    // The started event's reaction may not have run yet (reactions run in parallel): read the order's
    // own event stream up to this event, through the kernel's hub, so the cutoff is exact anyway.
    const channel = `order:${orderId}`;
    if (!event.channels.includes(channel)) return closed;
    const ac = new AbortController();
    try {
      for await (const e of this.platform.hub.subscribe({ channel, after: 0, signal: ac.signal })) {
        if (e.context === 'orders' && (e.type === 'orders.started' || isOutcome(e.type.slice('orders.'.length)))) {
          const p = e.payload as OrderSnapshotLike;
          const when = p?.at ? new Date(p.at) : e.at;
          if (when < closed) closed = when;
        }
        if (e.id >= event.id) break;
      }
    } finally {
      ac.abort();
    }
    return closed;
  }

  private async settle(trx: Trx, orderId: string, outcome: Outcome, endedAt: Date, event: StoredEvent) {
    const t = this.tx(trx);
    const done = await t.selectFrom('settlement').select('order_id').where('order_id', '=', orderId).executeTakeFirst();
    if (done) return; // settled already: a replayed or duplicate end event pays nothing twice
    const order = (await t.selectFrom('order_state').selectAll().where('order_id', '=', orderId).forUpdate().executeTakeFirstOrThrow()) as unknown as OrderRow;
    const closedAt = await this.closedAt(orderId, event, endedAt, order.started_at);
    const bets = (await t.selectFrom('bet').selectAll().where('order_id', '=', orderId).orderBy('placed_at').forUpdate().execute()).map((b) => ({
      betId: b.id,
      managerId: b.manager_id,
      outcome: b.outcome,
      amountCents: n(b.amount_cents),
      placedAt: b.placed_at,
    }));
    const { valid, late } = splitByCutoff(bets, closedAt);
    const result = settle(valid, outcome);
    const now = this.platform.clock.now();
    const refunded = late.reduce((a, b) => a + b.amountCents, 0);

    await t
      .insertInto('settlement')
      .values({
        order_id: orderId,
        outcome,
        closed_at: closedAt,
        pool_cents: result.poolCents,
        refunded_cents: refunded,
        developers_bank_cents: result.developersBankCents,
        event_id: event.id,
        settled_at: now,
      })
      .execute();
    if (result.payouts.length) {
      await t
        .insertInto('settlement_payout')
        .values(result.payouts.map((p) => ({ order_id: orderId, manager_id: p.managerId, stake_cents: p.stakeCents, winning_stake_cents: p.winningStakeCents, payout_cents: p.payoutCents })))
        .execute();
    }
    const winners = new Set(result.payouts.filter((p) => p.payoutCents > 0).map((p) => p.managerId));
    for (const b of valid) {
      const won = b.outcome === outcome && winners.has(b.managerId);
      await t.updateTable('bet').set({ status: won ? 'won' : 'lost' }).where('id', '=', b.betId).execute();
    }
    for (const b of late) await t.updateTable('bet').set({ status: 'refunded' }).where('id', '=', b.betId).execute();

    // Credits, wallet by wallet in id order (a fixed lock order: no deadlocks between settlements).
    const credits: { managerId: string; kind: 'payout' | 'refund'; amount: Cents; betId: string | null }[] = [
      ...result.payouts.filter((p) => p.payoutCents > 0).map((p) => ({ managerId: p.managerId, kind: 'payout' as const, amount: p.payoutCents, betId: null })),
      ...late.map((b) => ({ managerId: b.managerId, kind: 'refund' as const, amount: b.amountCents, betId: b.betId })),
    ].sort((a, b) => (a.managerId < b.managerId ? -1 : a.managerId > b.managerId ? 1 : 0));
    for (const c of credits) {
      const w = await t
        .updateTable('wallet')
        .set({ balance_cents: sql`balance_cents + ${c.amount}` })
        .where('manager_id', '=', c.managerId)
        .returning('balance_cents')
        .executeTakeFirstOrThrow();
      await t
        .insertInto('wallet_entry')
        .values({ manager_id: c.managerId, kind: c.kind, amount_cents: c.amount, balance_after_cents: w.balance_cents, order_id: orderId, bet_id: c.betId, at: now })
        .execute();
    }
    // The pool as settled (late bets refunded); the last odds event says betting is closed.
    const stakes = emptyStakes();
    for (const b of valid) stakes[b.outcome] += b.amountCents;
    await t
      .updateTable('order_state')
      .set({ completed_cents: stakes.completed, canceled_cents: stakes.canceled, failed_cents: stakes.failed })
      .where('order_id', '=', orderId)
      .execute();
    if (poolOf(stakes) !== result.poolCents) throw new Error('settlement pool mismatch');
    await this.publishOdds(trx, orderId, false, stakes, endedAt);
  }
}

export { OUTCOMES };
