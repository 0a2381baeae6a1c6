import { describe, expect, it } from 'vitest';
import { mostSupported, rateReport, ratesBy, weekOf, type OrderFact } from '../src/domain/stats.ts';
import { countTexts, dedupeTexts, normaliseText } from '../src/domain/text.ts';
import { csvCell, toCsv } from '../src/domain/csv.ts';
import { parseBound, queueReasonFor } from '../src/domain/review.ts';

// The fixed data set (also used by the API test): two weeks, two service types, three workers.
export const FIXED: OrderFact[] = [
  // Week of 2026-01-05 (Mon) — jars
  { orderId: 'o1', status: 'completed', serviceTypeId: 'jars', serviceTypeName: 'Toss jars', workerId: 'w1', scheduledAt: '2026-01-05T10:00:00Z', noShow: false },
  { orderId: 'o2', status: 'failed', serviceTypeId: 'jars', serviceTypeName: 'Toss jars', workerId: 'w1', scheduledAt: '2026-01-06T10:00:00Z', noShow: true },
  { orderId: 'o3', status: 'canceled', serviceTypeId: 'jars', serviceTypeName: 'Toss jars', workerId: null, scheduledAt: '2026-01-07T10:00:00Z', noShow: false },
  { orderId: 'o4', status: 'completed', serviceTypeId: 'poke', serviceTypeName: 'Poke things', workerId: 'w2', scheduledAt: '2026-01-11T23:59:00Z', noShow: false },
  // Week of 2026-01-12
  { orderId: 'o5', status: 'failed', serviceTypeId: 'poke', serviceTypeName: 'Poke things', workerId: 'w2', scheduledAt: '2026-01-12T00:00:00Z', noShow: false },
  { orderId: 'o6', status: 'completed', serviceTypeId: 'poke', serviceTypeName: 'Poke things', workerId: 'w3', scheduledAt: '2026-01-13T09:00:00Z', noShow: false },
  { orderId: 'o7', status: 'canceled', serviceTypeId: 'jars', serviceTypeName: 'Toss jars', workerId: 'w3', scheduledAt: '2026-01-14T09:00:00Z', noShow: false },
  { orderId: 'o8', status: 'completed', serviceTypeId: 'jars', serviceTypeName: 'Toss jars', workerId: 'w1', scheduledAt: '2026-01-15T09:00:00Z', noShow: false },
  // Not ended: counts nowhere
  { orderId: 'o9', status: 'matched', serviceTypeId: 'jars', serviceTypeName: 'Toss jars', workerId: 'w1', scheduledAt: '2026-01-16T09:00:00Z', noShow: false },
  { orderId: 'o10', status: 'started', serviceTypeId: 'poke', serviceTypeName: 'Poke things', workerId: 'w2', scheduledAt: '2026-01-16T09:00:00Z', noShow: false },
];

describe('weeks', () => {
  it('an order belongs to the Monday (UTC) of its ISO week', () => {
    expect(weekOf('2026-01-05T00:00:00Z')).toBe('2026-01-05');
    expect(weekOf('2026-01-11T23:59:59Z')).toBe('2026-01-05'); // Sunday
    expect(weekOf('2026-01-12T00:00:00Z')).toBe('2026-01-12');
    expect(weekOf('2026-01-01T12:00:00Z')).toBe('2025-12-29'); // across a year end
    expect(() => weekOf('nope')).toThrow(RangeError);
  });
});

describe('rates on the fixed data set (hand-computed)', () => {
  const r = rateReport(FIXED, (id) => ({ w1: 'Garfield', w2: 'Luna', w3: 'Simba' })[id] ?? id);

  it('totals: 8 ended — 4 completed, 2 failed (1 no-show), 2 canceled', () => {
    expect(r.totals).toMatchObject({ ended: 8, completed: 4, failed: 2, noShow: 1, canceled: 2 });
    expect(r.totals.failureRate).toBe(2 / 8);
    expect(r.totals.noShowRate).toBe(1 / 8);
    expect(r.totals.cancellationRate).toBe(2 / 8);
  });

  it('by week', () => {
    expect(r.byWeek.map((w) => [w.key, w.ended, w.failed, w.noShow, w.canceled])).toEqual([
      ['2026-01-05', 4, 1, 1, 1],
      ['2026-01-12', 4, 1, 0, 1],
    ]);
    expect(r.byWeek[0].failureRate).toBe(0.25);
    expect(r.byWeek[0].noShowRate).toBe(0.25);
    expect(r.byWeek[1].noShowRate).toBe(0);
    expect(r.byWeek[1].cancellationRate).toBe(0.25);
  });

  it('by service type', () => {
    const jars = r.byServiceType.find((s) => s.key === 'jars')!;
    const poke = r.byServiceType.find((s) => s.key === 'poke')!;
    expect(jars).toMatchObject({ label: 'Toss jars', ended: 5, completed: 2, failed: 1, noShow: 1, canceled: 2 });
    expect(jars.failureRate).toBe(1 / 5);
    expect(jars.cancellationRate).toBe(2 / 5);
    expect(poke).toMatchObject({ label: 'Poke things', ended: 3, completed: 2, failed: 1, noShow: 0, canceled: 0 });
    expect(poke.failureRate).toBeCloseTo(1 / 3, 12);
  });

  it('by worker, with orders that never had a worker apart', () => {
    const by = Object.fromEntries(r.byWorker.map((w) => [w.key, w]));
    expect(by.w1).toMatchObject({ label: 'Garfield', ended: 3, failed: 1, noShow: 1, canceled: 0 });
    expect(by.w1.noShowRate).toBeCloseTo(1 / 3, 12);
    expect(by.w2).toMatchObject({ label: 'Luna', ended: 2, failed: 1, noShow: 0 });
    expect(by.w2.failureRate).toBe(0.5);
    expect(by.w3).toMatchObject({ label: 'Simba', ended: 2, canceled: 1 });
    expect(by.none).toMatchObject({ label: 'No worker assigned', ended: 1, canceled: 1 });
    expect(by.none.cancellationRate).toBe(1);
  });

  it('no ended orders: rates are null, not NaN', () => {
    const empty = rateReport([]);
    expect(empty.totals).toMatchObject({ ended: 0, failureRate: null, noShowRate: null, cancellationRate: null });
    expect(empty.byWeek).toEqual([]);
    expect(ratesBy(FIXED.filter((o) => o.status === 'matched'), () => ({ key: 'x', label: 'x' }))).toEqual([]);
  });

  it('counts add up in every breakdown', () => {
    for (const rows of [r.byWeek, r.byServiceType, r.byWorker]) {
      expect(rows.reduce((a, x) => a + x.ended, 0)).toBe(r.totals.ended);
      for (const x of rows) expect(x.completed + x.failed + x.canceled).toBe(x.ended);
    }
  });
});

describe('hypotheses add up by normalised text', () => {
  it('ignores case, spacing and a trailing full stop', () => {
    expect(normaliseText('  Give workers  a MAP. ')).toBe('give workers a map');
    expect(dedupeTexts(['Give workers a map.', 'give workers a map', '   ', 'Call the client first'])).toEqual([
      { text: 'Give workers a map.', normalized: 'give workers a map' },
      { text: 'Call the client first', normalized: 'call the client first' },
    ]);
  });

  it('free-text causes add up across reviews, once per review', () => {
    expect(countTexts([['Rain', 'rain.'], ['RAIN', 'Traffic'], ['traffic '], []])).toEqual([
      { text: 'Rain', count: 2 },
      { text: 'Traffic', count: 2 },
    ]);
  });

  it('most supported first, unsupported left out', () => {
    const top = mostSupported([
      { id: 'a', text: 'b', support: 1 },
      { id: 'b', text: 'a', support: 3 },
      { id: 'c', text: 'c', support: 0 },
      { id: 'd', text: 'a2', support: 1 },
    ]);
    expect(top.map((h) => h.id)).toEqual(['b', 'd', 'a']);
  });
});

describe('CSV', () => {
  it('quotes, escapes and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x\ny']])).toBe('a,b\r\n1,"x\ny"\r\n');
  });
});

describe('review rules', () => {
  it('failed and canceled orders queue themselves; others do not', () => {
    expect(queueReasonFor('failed')).toBe('failed');
    expect(queueReasonFor('canceled')).toBe('canceled');
    expect(queueReasonFor('completed')).toBeNull();
    expect(queueReasonFor('matched')).toBeNull();
  });
  it('a bare `to` date includes that whole day', () => {
    expect(parseBound('2026-01-05', 'from')!.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(parseBound('2026-01-05', 'to')!.toISOString()).toBe('2026-01-06T00:00:00.000Z');
    expect(parseBound(undefined, 'to')).toBeUndefined();
  });
});
