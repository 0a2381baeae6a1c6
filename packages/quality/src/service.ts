// Quality's use cases over its own schema: the queue, the random draw, a review with everything about
// its order, the form, causes and hypotheses, statistics and CSV.
import { sql, type Kysely } from 'kysely';
import { DomainError, newId, type Platform, type Trx } from '@mcf/kernel';
import type { QualityDB } from './db/schema.ts';
import { drawIndex, type Rng } from './domain/random.ts';
import { parseBound, type ReviewReason, type Verdict } from './domain/review.ts';
import { mostSupported, rateReport, type OrderFact, type RateRow } from './domain/stats.ts';
import { countTexts, dedupeTexts, normaliseText, tidyText } from './domain/text.ts';
import { percent, toCsv } from './domain/csv.ts';
import { QUALITY, reviewQueued, reviewSubmitted } from './events.ts';

export interface AccountLike {
  id: string;
  name: string;
  email: string;
  role?: string;
}

/** What quality asks other contexts (structural types, so it needs none of their internals). */
export interface QualityDeps {
  accounts: {
    get(id: string): Promise<AccountLike | null>;
    listByRole?(role: 'worker'): Promise<AccountLike[]>;
    /** Contact details for a call (billing may add phone and address); falls back to `get`. */
    contact?(id: string): Promise<Record<string, unknown> | null>;
  };
  orders?: {
    getOrder(orderId: string): Promise<unknown>;
    history?(orderId: string): Promise<unknown>;
    photo?(orderId: string, kind: 'check_in' | 'report'): Promise<{ mimeType: string; data: Buffer } | null>;
  };
  /** The draw's generator; tests pass a seeded one. */
  random?: Rng;
}

export interface DrawFilter {
  serviceTypeId?: string;
  from?: string;
  to?: string;
}

export interface SubmitInput {
  reviewId: string;
  findings: string;
  verdict: Verdict;
  causeIds: string[];
  otherCauses: string[];
  hypotheses: string[];
  hypothesisIds: string[];
}

export interface StatsFilter {
  from?: string;
  to?: string;
  serviceTypeId?: string;
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

const fail = (code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST', message: string): never => {
  throw new DomainError(code, message);
};

export class QualityService {
  private readonly db: Kysely<QualityDB>;
  private readonly random: Rng;

  constructor(
    private readonly platform: Platform,
    private readonly deps: QualityDeps,
  ) {
    this.db = platform.db.withSchema(QUALITY) as unknown as Kysely<QualityDB>;
    this.random = deps.random ?? Math.random;
  }

  private q(trx: Trx) {
    return trx.withSchema(QUALITY) as unknown as Kysely<QualityDB>;
  }

  // ---------------------------------------------------------------- queue

  async queue() {
    const rows = await this.db
      .selectFrom('review as r')
      .leftJoin('order_fact as o', 'o.order_id', 'r.order_id')
      .select(['r.id', 'r.order_id', 'r.reason', 'r.created_at', 'o.service_type_name', 'o.worker_id', 'o.scheduled_at', 'o.no_show', 'o.reason as order_reason'])
      .where('r.status', '=', 'open')
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute();
    const names = await this.workerNames([...new Set(rows.map((r) => r.worker_id).filter((w): w is string => !!w))]);
    return rows.map((r) => ({
      id: r.id,
      orderId: r.order_id,
      reason: r.reason,
      createdAt: iso(r.created_at)!,
      serviceTypeName: r.service_type_name ?? null,
      workerId: r.worker_id ?? null,
      workerName: r.worker_id ? (names.get(r.worker_id) ?? null) : null,
      scheduledAt: iso(r.scheduled_at),
      noShow: r.no_show ?? false,
      orderReason: r.order_reason ?? null,
    }));
  }

  async list(status: 'open' | 'submitted' | undefined, limit: number) {
    let q = this.db
      .selectFrom('review as r')
      .leftJoin('order_fact as o', 'o.order_id', 'r.order_id')
      .select(['r.id', 'r.order_id', 'r.reason', 'r.status', 'r.verdict', 'r.created_at', 'r.submitted_at', 'o.service_type_name', 'o.worker_id']);
    if (status) q = q.where('r.status', '=', status);
    const rows = await q.orderBy(sql`coalesce(r.submitted_at, r.created_at)`, 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      orderId: r.order_id,
      reason: r.reason,
      status: r.status,
      verdict: r.verdict,
      createdAt: iso(r.created_at)!,
      submittedAt: iso(r.submitted_at),
      serviceTypeName: r.service_type_name ?? null,
      workerId: r.worker_id ?? null,
    }));
  }

  // ---------------------------------------------------------------- random draw

  private eligible(db: Kysely<QualityDB>, f: DrawFilter) {
    let q = db
      .selectFrom('order_fact as o')
      .where('o.status', '=', 'completed')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('review as r').select('r.id').whereRef('r.order_id', '=', 'o.order_id'))));
    if (f.serviceTypeId) q = q.where('o.service_type_id', '=', f.serviceTypeId);
    const from = parseBound(f.from, 'from');
    const to = parseBound(f.to, 'to');
    if (from) q = q.where('o.scheduled_at', '>=', from);
    if (to) q = q.where('o.scheduled_at', '<', to);
    return q;
  }

  /** Draws a completed, never-reviewed order uniformly (count, then the row at a random offset). */
  async pickRandom(managerId: string, f: DrawFilter): Promise<{ id: string; orderId: string }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = await this.platform.db.transaction().execute(async (trx) => {
        const db = this.q(trx);
        const { n } = await this.eligible(db, f).select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
        const index = drawIndex(Number(n), this.random);
        if (index === null) return null;
        const row = await this.eligible(db, f).select('o.order_id').orderBy('o.order_id').offset(index).limit(1).executeTakeFirst();
        if (!row) return 'again' as const;
        const id = newId();
        const inserted = await db
          .insertInto('review')
          .values({ id, order_id: row.order_id, reason: 'random', status: 'open', created_by: managerId, created_at: this.platform.clock.now() })
          .onConflict((oc) => oc.columns(['order_id', 'reason']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return 'again' as const;
        await this.platform.events.publish(trx, QUALITY, [reviewQueued({ reviewId: id, orderId: row.order_id, reason: 'random' })]);
        return { id, orderId: row.order_id };
      });
      if (r === null) {
        const scope = [f.serviceTypeId ? 'of that service type' : '', f.from || f.to ? 'in that date range' : ''].filter(Boolean).join(' ');
        fail('NOT_FOUND', `No completed order ${scope ? scope + ' ' : ''}is left to review`);
      }
      if (r !== 'again') return r!;
      // Another manager drew the same order at the same moment: draw again.
    }
    return fail('CONFLICT', 'Too many managers are drawing at once; try again');
  }

  // ---------------------------------------------------------------- one review

  async review(reviewId: string) {
    const r = await this.db.selectFrom('review').selectAll().where('id', '=', reviewId).executeTakeFirst();
    if (!r) return fail('NOT_FOUND', 'Review not found');
    const [o, timeline, supplies, causes, hypotheses, others] = await Promise.all([
      this.db.selectFrom('order_fact').selectAll().where('order_id', '=', r.order_id).executeTakeFirst(),
      this.db.selectFrom('order_event').selectAll().where('order_id', '=', r.order_id).orderBy('event_id').execute(),
      this.db.selectFrom('supply_fact').selectAll().where('order_id', '=', r.order_id).orderBy('last_event_id').execute(),
      this.db.selectFrom('review_cause as rc').innerJoin('cause as c', 'c.id', 'rc.cause_id').select(['c.id', 'c.label']).where('rc.review_id', '=', r.id).orderBy('c.label').execute(),
      this.db
        .selectFrom('review_hypothesis as rh')
        .innerJoin('hypothesis as h', 'h.id', 'rh.hypothesis_id')
        .select(['h.id', 'h.text'])
        .where('rh.review_id', '=', r.id)
        .orderBy('h.text')
        .execute(),
      this.db.selectFrom('review').select(['id', 'reason', 'status', 'verdict', 'submitted_at']).where('order_id', '=', r.order_id).where('id', '!=', r.id).execute(),
    ]);
    const workerId = o?.worker_id ?? null;
    const [worker, client, history, workerRecord] = await Promise.all([
      workerId ? this.person(workerId) : null,
      o ? this.contact(o.client_id) : null,
      this.orderHistory(r.order_id),
      workerId ? this.workerRecord(workerId) : null,
    ]);
    return {
      review: {
        id: r.id,
        orderId: r.order_id,
        reason: r.reason,
        status: r.status,
        createdAt: iso(r.created_at)!,
        createdBy: r.created_by,
        submittedAt: iso(r.submitted_at),
        submittedBy: r.submitted_by,
        verdict: r.verdict,
        findings: r.findings,
        causes,
        otherCauses: r.other_causes ?? [],
        hypotheses,
      },
      order: o
        ? {
            orderId: o.order_id,
            status: o.status,
            clientId: o.client_id,
            workerId: o.worker_id,
            serviceTypeId: o.service_type_id,
            serviceTypeName: o.service_type_name,
            priceCents: o.price_cents === null ? null : Number(o.price_cents),
            scheduledAt: iso(o.scheduled_at)!,
            place: o.place,
            description: o.description,
            copyOf: o.copy_of,
            reason: o.reason,
            noShow: o.no_show,
            endedAt: iso(o.ended_at),
          }
        : null,
      timeline: timeline.map((e) => ({ eventId: Number(e.event_id), type: e.type, status: e.status, workerId: e.worker_id, reason: e.reason, at: iso(e.at)! })),
      /** What orders itself tells (timeline with photos), when the orders facade is available. */
      history,
      worker,
      client,
      workerRecord,
      supplies: supplies.map((s) => ({ requestId: s.request_id, workerId: s.worker_id, cookie: s.cookie, state: s.state, lastEvent: s.last_type, at: iso(s.updated_at)! })),
      otherReviews: others.map((x) => ({ id: x.id, reason: x.reason, status: x.status, verdict: x.verdict, submittedAt: iso(x.submitted_at) })),
    };
  }

  private async person(id: string) {
    const a = await this.deps.accounts.get(id).catch(() => null);
    return a ? { id: a.id, name: a.name, email: a.email } : { id, name: null, email: null };
  }

  private async contact(id: string): Promise<Record<string, unknown> & { id: string }> {
    const extra = this.deps.accounts.contact ? await this.deps.accounts.contact(id).catch(() => null) : null;
    const base = await this.person(id);
    return { ...base, ...(extra ?? {}), id };
  }

  private async orderHistory(orderId: string): Promise<unknown> {
    const history = this.deps.orders?.history;
    if (!history) return null;
    try {
      return (await history.call(this.deps.orders, orderId)) ?? null;
    } catch (e) {
      this.platform.log.warn({ err: e, orderId }, 'orders history unavailable for a review');
      return null;
    }
  }

  /** A photo of the reviewed order (check-in or signed report), from orders. */
  async photo(reviewId: string, kind: 'check_in' | 'report') {
    const r = await this.db.selectFrom('review').select('order_id').where('id', '=', reviewId).executeTakeFirst();
    if (!r) return fail('NOT_FOUND', 'Review not found');
    const get = this.deps.orders?.photo;
    const p = get ? await get.call(this.deps.orders, r.order_id, kind) : null;
    if (!p) return fail('NOT_FOUND', kind === 'report' ? 'This order has no report photo' : 'This order has no check-in photo');
    return { kind, mimeType: p.mimeType, dataBase64: p.data.toString('base64') };
  }

  /** A worker's ended orders and review verdicts so far (the review page shows it as context). */
  async workerRecord(workerId: string) {
    const [orders, verdicts] = await Promise.all([
      this.db
        .selectFrom('order_fact')
        .select(['status', 'no_show'])
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('worker_id', '=', workerId)
        .where('status', 'in', ['completed', 'failed', 'canceled'])
        .groupBy(['status', 'no_show'])
        .execute(),
      this.db
        .selectFrom('review as r')
        .innerJoin('order_fact as o', 'o.order_id', 'r.order_id')
        .select(['r.verdict'])
        .select((e) => e.fn.countAll<string>().as('n'))
        .where('o.worker_id', '=', workerId)
        .where('r.status', '=', 'submitted')
        .groupBy('r.verdict')
        .execute(),
    ]);
    const count = (pred: (r: (typeof orders)[number]) => boolean) => orders.filter(pred).reduce((a, r) => a + Number(r.n), 0);
    return {
      workerId,
      completed: count((r) => r.status === 'completed'),
      failed: count((r) => r.status === 'failed'),
      noShow: count((r) => r.status === 'failed' && r.no_show),
      canceled: count((r) => r.status === 'canceled'),
      verdicts: Object.fromEntries(verdicts.map((v) => [v.verdict ?? 'unclear', Number(v.n)])) as Partial<Record<Verdict, number>>,
    };
  }

  // ---------------------------------------------------------------- the form

  async submit(managerId: string, input: SubmitInput) {
    return this.platform.db.transaction().execute(async (trx) => {
      const db = this.q(trx);
      const r = await db.selectFrom('review').selectAll().where('id', '=', input.reviewId).forUpdate().executeTakeFirst();
      if (!r) return fail('NOT_FOUND', 'Review not found');
      if (r.status === 'submitted') return fail('CONFLICT', 'This review has already been submitted');

      const causeIds = [...new Set(input.causeIds)];
      if (causeIds.length) {
        const found = await db.selectFrom('cause').select(['id', 'active']).where('id', 'in', causeIds).execute();
        const unknown = causeIds.filter((id) => !found.some((c) => c.id === id));
        if (unknown.length) fail('BAD_REQUEST', `causeIds: unknown cause ${unknown[0]}`);
        if (found.some((c) => !c.active)) fail('BAD_REQUEST', 'causeIds: a retired cause cannot be chosen');
        await db.insertInto('review_cause').values(causeIds.map((cause_id) => ({ review_id: r.id, cause_id }))).execute();
      }

      const linked = new Set<string>();
      const givenIds = [...new Set(input.hypothesisIds)];
      if (givenIds.length) {
        const found = await db.selectFrom('hypothesis').select('id').where('id', 'in', givenIds).execute();
        const unknown = givenIds.filter((id) => !found.some((h) => h.id === id));
        if (unknown.length) fail('BAD_REQUEST', `hypothesisIds: unknown hypothesis ${unknown[0]}`);
        for (const h of found) linked.add(h.id);
      }
      const texts = dedupeTexts(input.hypotheses);
      if (texts.length) {
        await db
          .insertInto('hypothesis')
          .values(texts.map((t) => ({ id: newId(), text: t.text, normalized: t.normalized, created_by: managerId, created_at: this.platform.clock.now() })))
          .onConflict((oc) => oc.column('normalized').doNothing())
          .execute();
        const rows = await db.selectFrom('hypothesis').select('id').where('normalized', 'in', texts.map((t) => t.normalized)).execute();
        for (const h of rows) linked.add(h.id);
      }
      if (linked.size) {
        await db.insertInto('review_hypothesis').values([...linked].map((hypothesis_id) => ({ review_id: r.id, hypothesis_id }))).execute();
      }

      const otherCauses = dedupeTexts(input.otherCauses).map((t) => t.text);
      const findings = input.findings.trim();
      const now = this.platform.clock.now();
      await db
        .updateTable('review')
        .set({ status: 'submitted', submitted_at: now, submitted_by: managerId, verdict: input.verdict, findings, other_causes: JSON.stringify(otherCauses) })
        .where('id', '=', r.id)
        .execute();

      const order = await db.selectFrom('order_fact').select('worker_id').where('order_id', '=', r.order_id).executeTakeFirst();
      const hypothesisTexts = linked.size
        ? (await db.selectFrom('hypothesis').select('text').where('id', 'in', [...linked]).orderBy('text').execute()).map((h) => h.text)
        : [];
      await this.platform.events.publish(trx, QUALITY, [
        reviewSubmitted({
          reviewId: r.id,
          orderId: r.order_id,
          workerId: order?.worker_id ?? null,
          reason: r.reason as ReviewReason,
          verdict: input.verdict,
          findings,
          hypotheses: hypothesisTexts,
        }),
      ]);
      return { id: r.id, status: 'submitted' as const, hypothesisIds: [...linked] };
    });
  }

  // ---------------------------------------------------------------- causes and hypotheses

  async causes(includeRetired: boolean) {
    let q = this.db
      .selectFrom('cause as c')
      .leftJoin('review_cause as rc', 'rc.cause_id', 'c.id')
      .select(['c.id', 'c.label', 'c.active'])
      .select((e) => e.fn.count<string>('rc.review_id').as('uses'))
      .groupBy(['c.id', 'c.label', 'c.active']);
    if (!includeRetired) q = q.where('c.active', '=', true);
    const rows = await q.orderBy('c.label').execute();
    return rows.map((c) => ({ id: c.id, label: c.label, active: c.active, uses: Number(c.uses) }));
  }

  async createCause(label: string) {
    const normalized = normaliseText(label);
    if (!normalized) fail('BAD_REQUEST', 'label: is required');
    const id = newId();
    const row = await this.db
      .insertInto('cause')
      .values({ id, label: tidyText(label), normalized, active: true, created_at: this.platform.clock.now() })
      .onConflict((oc) => oc.column('normalized').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) fail('CONFLICT', `A cause like “${tidyText(label)}” is already on the list`);
    return { id };
  }

  async updateCause(id: string, change: { label?: string; active?: boolean }) {
    const set: { label?: string; normalized?: string; active?: boolean } = {};
    if (change.label !== undefined) {
      set.normalized = normaliseText(change.label);
      set.label = tidyText(change.label);
      if (!set.normalized) fail('BAD_REQUEST', 'label: is required');
      const clash = await this.db.selectFrom('cause').select('id').where('normalized', '=', set.normalized).where('id', '!=', id).executeTakeFirst();
      if (clash) fail('CONFLICT', `A cause like “${set.label}” is already on the list`);
    }
    if (change.active !== undefined) set.active = change.active;
    if (Object.keys(set).length === 0) fail('BAD_REQUEST', 'Nothing to change: give label or active');
    const r = await this.db.updateTable('cause').set(set).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) fail('NOT_FOUND', 'Cause not found');
    return { id };
  }

  async hypotheses(limit = 500) {
    const rows = await this.db
      .selectFrom('hypothesis as h')
      .leftJoin('review_hypothesis as rh', 'rh.hypothesis_id', 'h.id')
      .leftJoin('review as r', 'r.id', 'rh.review_id')
      .select(['h.id', 'h.text', 'h.created_at'])
      .select((e) => [e.fn.count<string>('rh.review_id').distinct().as('support'), e.fn.max('r.submitted_at').as('last_supported_at')])
      .groupBy(['h.id', 'h.text', 'h.created_at'])
      .orderBy('support', 'desc')
      .orderBy('h.text')
      .limit(limit)
      .execute();
    return rows.map((h) => ({ id: h.id, text: h.text, support: Number(h.support), createdAt: iso(h.created_at)!, lastSupportedAt: iso(h.last_supported_at as Date | null) }));
  }

  // ---------------------------------------------------------------- statistics

  private async facts(f: StatsFilter): Promise<OrderFact[]> {
    let q = this.db
      .selectFrom('order_fact')
      .select(['order_id', 'status', 'service_type_id', 'service_type_name', 'worker_id', 'scheduled_at', 'no_show'])
      .where('status', 'in', ['completed', 'failed', 'canceled']);
    const from = parseBound(f.from, 'from');
    const to = parseBound(f.to, 'to');
    if (from) q = q.where('scheduled_at', '>=', from);
    if (to) q = q.where('scheduled_at', '<', to);
    if (f.serviceTypeId) q = q.where('service_type_id', '=', f.serviceTypeId);
    const rows = await q.execute();
    return rows.map((r) => ({
      orderId: r.order_id,
      status: r.status,
      serviceTypeId: r.service_type_id,
      serviceTypeName: r.service_type_name,
      workerId: r.worker_id,
      scheduledAt: r.scheduled_at,
      noShow: r.no_show,
    }));
  }

  /** Worker names: one roster read when accounts offers it, single look-ups for anyone missing. */
  private async workerNames(ids: string[]) {
    const names = new Map<string, string>();
    if (ids.length === 0) return names;
    if (ids.length > 1 && this.deps.accounts.listByRole) {
      const wanted = new Set(ids);
      const all = await this.deps.accounts.listByRole('worker').catch(() => []);
      for (const a of all) if (wanted.has(a.id)) names.set(a.id, a.name);
    }
    await Promise.all(
      ids
        .filter((id) => !names.has(id))
        .map(async (id) => {
          const a = await this.deps.accounts.get(id).catch(() => null);
          names.set(id, a?.name ?? id);
        }),
    );
    return names;
  }

  async stats(f: StatsFilter) {
    const orders = await this.facts(f);
    const workerIds = [...new Set(orders.map((o) => o.workerId).filter((w): w is string => !!w))];
    const names = await this.workerNames(workerIds);
    const report = rateReport(orders, (id) => names.get(id) ?? id);
    const [hyps, causes, others, reviewCounts] = await Promise.all([
      this.hypotheses(),
      this.causes(true),
      this.db.selectFrom('review').select('other_causes').where('status', '=', 'submitted').where(sql<boolean>`jsonb_array_length(other_causes) > 0`).execute(),
      this.db
        .selectFrom('review')
        .select(['status', 'reason', 'verdict'])
        .select((e) => e.fn.countAll<string>().as('n'))
        .groupBy(['status', 'reason', 'verdict'])
        .execute(),
    ]);
    const sum = (pred: (r: (typeof reviewCounts)[number]) => boolean) => reviewCounts.filter(pred).reduce((a, r) => a + Number(r.n), 0);
    return {
      ...report,
      topHypotheses: mostSupported(hyps, 10).map(({ id, text, support }) => ({ id, text, support })),
      topCauses: mostSupported(
        causes.map((c) => ({ id: c.id, text: c.label, support: c.uses })),
        10,
      ),
      /** Free-text causes, counted by normalised text: the ones worth adding to the managed list. */
      topOtherCauses: countTexts(others.map((r) => r.other_causes ?? [])).slice(0, 10),
      reviews: {
        open: sum((r) => r.status === 'open'),
        submitted: sum((r) => r.status === 'submitted'),
        byReason: { failed: sum((r) => r.reason === 'failed'), canceled: sum((r) => r.reason === 'canceled'), random: sum((r) => r.reason === 'random') },
        byVerdict: {
          worker_fault: sum((r) => r.verdict === 'worker_fault'),
          no_fault: sum((r) => r.verdict === 'no_fault'),
          client_fault: sum((r) => r.verdict === 'client_fault'),
          unclear: sum((r) => r.verdict === 'unclear'),
        },
      },
    };
  }

  async exportCsv(kind: 'rates' | 'hypotheses' | 'reviews', f: StatsFilter) {
    const stamp = this.platform.clock.now().toISOString().slice(0, 10);
    if (kind === 'rates') {
      const s = await this.stats(f);
      const line = (dimension: string) => (r: RateRow) => [
        dimension, r.key, r.label, r.ended, r.completed, r.failed, r.noShow, r.canceled, percent(r.failureRate), percent(r.noShowRate), percent(r.cancellationRate),
      ];
      const csv = toCsv(
        ['dimension', 'key', 'label', 'ended', 'completed', 'failed', 'no_show', 'canceled', 'failure_rate_pct', 'no_show_rate_pct', 'cancellation_rate_pct'],
        [line('total')(s.totals), ...s.byWeek.map(line('week')), ...s.byServiceType.map(line('service_type')), ...s.byWorker.map(line('worker'))],
      );
      return { filename: `quality-rates-${stamp}.csv`, contentType: 'text/csv' as const, csv };
    }
    if (kind === 'hypotheses') {
      const hs = await this.hypotheses(10_000);
      const csv = toCsv(['id', 'hypothesis', 'supporting_reviews', 'last_supported_at', 'created_at'], hs.map((h) => [h.id, h.text, h.support, h.lastSupportedAt, h.createdAt]));
      return { filename: `quality-hypotheses-${stamp}.csv`, contentType: 'text/csv' as const, csv };
    }
    const rows = await this.db
      .selectFrom('review as r')
      .leftJoin('order_fact as o', 'o.order_id', 'r.order_id')
      .select(['r.id', 'r.order_id', 'r.reason', 'r.status', 'r.verdict', 'r.findings', 'r.other_causes', 'r.created_at', 'r.submitted_at', 'o.service_type_name', 'o.worker_id', 'o.scheduled_at'])
      .select((e) => [
        sql<string>`(select string_agg(c.label, '; ' order by c.label) from ${sql.table('quality.review_cause')} rc join ${sql.table('quality.cause')} c on c.id = rc.cause_id where rc.review_id = r.id)`.as('causes'),
        sql<string>`(select string_agg(h.text, '; ' order by h.text) from ${sql.table('quality.review_hypothesis')} rh join ${sql.table('quality.hypothesis')} h on h.id = rh.hypothesis_id where rh.review_id = r.id)`.as('hyps'),
      ])
      .orderBy('r.created_at')
      .execute();
    const csv = toCsv(
      ['review_id', 'order_id', 'reason', 'status', 'verdict', 'service_type', 'worker_id', 'scheduled_at', 'queued_at', 'submitted_at', 'findings', 'causes', 'other_causes', 'hypotheses'],
      rows.map((r) => [
        r.id, r.order_id, r.reason, r.status, r.verdict, r.service_type_name, r.worker_id, iso(r.scheduled_at), iso(r.created_at), iso(r.submitted_at), r.findings, r.causes, (r.other_causes ?? []).join('; '), r.hyps,
      ]),
    );
    return { filename: `quality-reviews-${stamp}.csv`, contentType: 'text/csv' as const, csv };
  }
}
