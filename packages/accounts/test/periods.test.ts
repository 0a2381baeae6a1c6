import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, isSunday, lastEndedMonth, lastEndedWeek, localDate, monthOf, monthPeriod, recentMonths, startOfDay, sundayOfWeek, weekPeriod } from '../src/domain/periods.ts';

describe('billing periods in the server time zone', () => {
  it('a week ends at local midnight after Sunday', () => {
    const utc = weekPeriod('2026-03-01', 'UTC');
    expect(utc.startAt.toISOString()).toBe('2026-02-23T00:00:00.000Z');
    expect(utc.endAt.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    // Los Angeles is UTC−8 in winter: Sunday 24:00 there is Monday 08:00 UTC.
    expect(weekPeriod('2026-03-01', 'America/Los_Angeles').endAt.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    // Auckland is UTC+13 in (southern) summer: Sunday 24:00 there is Sunday 11:00 UTC.
    expect(weekPeriod('2026-03-01', 'Pacific/Auckland').endAt.toISOString()).toBe('2026-03-01T11:00:00.000Z');
  });

  it('weeks across a DST change are 167 or 169 hours long', () => {
    // Europe/Berlin springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October 2026.
    const spring = weekPeriod('2026-03-29', 'Europe/Berlin');
    expect((spring.endAt.getTime() - spring.startAt.getTime()) / 3600_000).toBe(167);
    const autumn = weekPeriod('2026-10-25', 'Europe/Berlin');
    expect((autumn.endAt.getTime() - autumn.startAt.getTime()) / 3600_000).toBe(169);
  });

  it('midnight that a DST jump skips begins the day at the jump', () => {
    // America/Santiago springs forward at 00:00 → 01:00 on 6 September 2026.
    const d = startOfDay('2026-09-06', 'America/Santiago');
    expect(localDate(d, 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(new Date(d.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('months have 28, 29, 30 or 31 days', () => {
    const days = (m: string) => (monthPeriod(m, 'UTC').endAt.getTime() - monthPeriod(m, 'UTC').startAt.getTime()) / 86_400_000;
    expect(days('2026-02')).toBe(28);
    expect(days('2028-02')).toBe(29);
    expect(days('2100-02')).toBe(28);
    expect(days('2000-02')).toBe(29);
    expect(days('2026-04')).toBe(30);
    expect(days('2026-12')).toBe(31);
    expect(monthPeriod('2028-02', 'UTC').periodEnd).toBe('2028-02-29');
    expect(monthPeriod('2026-12', 'Asia/Tokyo').endAt.toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });

  it('for any instant and zone, the instant lies in exactly its own week and month', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'America/St_Johns'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.constantFrom(...zones), (ms, tz) => {
        const at = new Date(ms);
        const sunday = sundayOfWeek(at, tz);
        expect(isSunday(sunday)).toBe(true);
        const w = weekPeriod(sunday, tz);
        expect(w.startAt.getTime()).toBeLessThanOrEqual(ms);
        expect(w.endAt.getTime()).toBeGreaterThan(ms);
        const m = monthPeriod(monthOf(at, tz), tz);
        expect(m.startAt.getTime()).toBeLessThanOrEqual(ms);
        expect(m.endAt.getTime()).toBeGreaterThan(ms);
        // The last ended periods really have ended, and the ones after them have not.
        expect(weekPeriod(lastEndedWeek(at, tz), tz).endAt.getTime()).toBeLessThanOrEqual(ms);
        expect(weekPeriod(addDays(lastEndedWeek(at, tz), 7), tz).endAt.getTime()).toBeGreaterThan(ms);
        expect(monthPeriod(lastEndedMonth(at, tz), tz).endAt.getTime()).toBeLessThanOrEqual(ms);
      }),
      { numRuns: 500 },
    );
  });

  it('knows Sundays and recent months', () => {
    expect(isSunday('2026-03-01')).toBe(true);
    expect(isSunday('2026-03-02')).toBe(false);
    expect(isSunday('2026-02-30')).toBe(false);
    expect(isSunday('01-03-2026')).toBe(false);
    expect(recentMonths(new Date('2026-02-10T00:00:00Z'), 'UTC', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(lastEndedMonth(new Date('2026-01-01T00:30:00Z'), 'UTC')).toBe('2025-12');
    expect(lastEndedMonth(new Date('2026-01-01T00:30:00Z'), 'America/New_York')).toBe('2025-11');
  });
});
