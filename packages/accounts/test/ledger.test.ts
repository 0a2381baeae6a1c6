import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  balances,
  creditPosting,
  FAILURE_FINE_CENTS,
  isBalanced,
  partyAmount,
  payoutFor,
  postingsForOutcome,
  settlementPosting,
  type PostingDraft,
} from '../src/domain/ledger.ts';

const clients = ['c1', 'c2', 'c3'];
const workers = ['w1', 'w2'];
const at = new Date('2026-02-10T10:00:00Z');

type Event =
  | { t: 'order'; status: 'completed' | 'canceled' | 'failed'; client: string; worker: string | null; price: number | null }
  | { t: 'credit'; worker: string; amount: number };

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    t: fc.constant('order' as const),
    status: fc.constantFrom('completed' as const, 'canceled' as const, 'failed' as const),
    client: fc.constantFrom(...clients),
    worker: fc.option(fc.constantFrom(...workers), { nil: null }),
    // Real prices (100 CU minus up to 12%) and arbitrary odd ones, including unpriced orders.
    price: fc.option(fc.oneof(fc.integer({ min: 8_800, max: 10_000 }), fc.integer({ min: 1, max: 5_000_000 })), { nil: null }),
  }),
  fc.record({ t: fc.constant('credit' as const), worker: fc.constantFrom(...workers), amount: fc.integer({ min: 1, max: 1_000_000 }) }),
);

function book(events: Event[]): PostingDraft[] {
  return events.flatMap((e, i) =>
    e.t === 'order'
      ? postingsForOutcome({ orderId: `o${i}`, clientId: e.client, workerId: e.worker, status: e.status, priceCents: e.price, at })
      : [creditPosting({ id: `k${i}`, workerId: e.worker, amountCents: e.amount, reason: 'bonus', by: 'm1', at })],
  );
}

describe('ledger', () => {
  it('any sequence of order outcomes and credits keeps every posting and the whole ledger balanced', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const postings = book(events);
        for (const p of postings) expect(isBalanced(p.lines)).toBe(true);
        const total = [...balances(postings).values()].reduce((a, b) => a + b, 0);
        expect(total).toBe(0);
        // Keys are unique: one cause, one posting.
        expect(new Set(postings.map((p) => p.key)).size).toBe(postings.length);
      }),
      { numRuns: 300 },
    );
  });

  it("a worker's month payout is 60% of completed orders minus 40 CU per failure plus credits, to the cent", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const postings = book(events);
        for (const w of workers) {
          let expected = 0;
          for (const e of events) {
            if (e.t === 'credit' && e.worker === w) expected += e.amount;
            if (e.t === 'order' && e.worker === w && e.status === 'completed' && e.price) expected += Math.round((e.price * 6) / 10);
            if (e.t === 'order' && e.worker === w && e.status === 'failed') expected -= 4_000;
          }
          const mine = postings.filter((p) => p.accountId === w).map((p) => ({ kind: p.kind, amountCents: partyAmount(p) }));
          const { netCents, payoutCents } = payoutFor(mine);
          expect(netCents).toBe(expected);
          expect(payoutCents).toBe(Math.max(0, expected));
          // The same figure, read from the worker's book: what MCF owes is minus the payable balance.
          expect(0 - (balances(postings).get(`worker_payable:${w}`) ?? 0)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('clients are charged in full for every outcome; a paid invoice clears what they owe', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const postings = book(events);
        for (const c of clients) {
          const owed = events.filter((e): e is Extract<Event, { t: 'order' }> => e.t === 'order' && e.client === c).reduce((a, e) => a + (e.price ?? 0), 0);
          expect(balances(postings).get(`client_receivable:${c}`) ?? 0).toBe(owed);
          if (owed > 0) {
            const paid = [...postings, settlementPosting({ id: 'inv', kind: 'client_week', accountId: c, totalCents: owed, at })];
            expect(balances(paid).get(`client_receivable:${c}`)).toBe(0);
            expect(balances(paid).get('cash')).toBe(owed);
          }
        }
      }),
    );
  });

  it('books the three outcomes as the business rules say', () => {
    const o = { orderId: 'o', clientId: 'c', workerId: 'w', priceCents: 9_500, at };
    const amounts = (ps: PostingDraft[]) => ps.map((p) => [p.kind, p.accountId, partyAmount(p)]);
    expect(amounts(postingsForOutcome({ ...o, status: 'completed' }))).toEqual([['charge', 'c', 9_500], ['earning', 'w', 5_700]]);
    expect(amounts(postingsForOutcome({ ...o, status: 'canceled' }))).toEqual([['charge', 'c', 9_500]]);
    expect(amounts(postingsForOutcome({ ...o, status: 'failed' }))).toEqual([['charge', 'c', 9_500], ['fine', 'w', -FAILURE_FINE_CENTS]]);
    expect(postingsForOutcome({ ...o, workerId: null, priceCents: null, status: 'canceled' })).toEqual([]);
  });

  it('refuses credits that are not positive whole cents', () => {
    for (const amountCents of [0, -1, 1.5, Number.NaN]) {
      expect(() => creditPosting({ id: 'x', workerId: 'w', amountCents, reason: 'r', by: 'm', at })).toThrow(RangeError);
    }
  });

  it('a month with more fines than earnings pays nothing (the deficit carries over)', () => {
    expect(payoutFor([{ kind: 'earning', amountCents: 3_000 }, { kind: 'fine', amountCents: -4_000 }])).toEqual({ netCents: -1_000, payoutCents: 0 });
  });
});
