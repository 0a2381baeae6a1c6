import { describe, expect, it } from 'vitest';
import { canTransition, sourcesOf, type Actor } from '../src/domain/lifecycle.ts';
import { ORDER_STATUSES, type OrderStatus } from '../src/events.ts';
import { checkInWindow, scheduleRules } from '../src/domain/schedule.ts';

// The whole lifecycle, written out by hand: anything not listed here must be refused.
const ALLOWED: [OrderStatus, OrderStatus, Actor][] = [
  ['created', 'matched', 'system'],
  ['matched', 'matched', 'manager'],
  ['matched', 'supplied', 'supplies'],
  ['supplied', 'started', 'worker'],
  ['started', 'completed', 'worker'],
  ['matched', 'failed', 'system'],
  ['supplied', 'failed', 'system'],
  ['matched', 'failed', 'manager'],
  ['supplied', 'failed', 'manager'],
  ['started', 'failed', 'manager'],
  ['created', 'canceled', 'client'],
  ['matched', 'canceled', 'client'],
  ['supplied', 'canceled', 'client'],
  ['created', 'canceled', 'manager'],
  ['matched', 'canceled', 'manager'],
  ['supplied', 'canceled', 'manager'],
];
const ACTORS: Actor[] = ['system', 'client', 'worker', 'manager', 'supplies'];

describe('order lifecycle', () => {
  for (const from of ORDER_STATUSES)
    for (const to of ORDER_STATUSES)
      for (const by of ACTORS) {
        const allowed = ALLOWED.some(([f, t, a]) => f === from && t === to && a === by);
        it(`${from} → ${to} by ${by} is ${allowed ? 'allowed' : 'refused'}`, () => {
          expect(canTransition(from, to, by)).toBe(allowed);
        });
      }

  it('a client can cancel only before the work started; final states never change', () => {
    expect(sourcesOf('canceled', 'client')).toEqual(['created', 'matched', 'supplied']);
    for (const f of ['completed', 'canceled', 'failed'] as const) for (const t of ORDER_STATUSES) for (const a of ACTORS) expect(canTransition(f, t, a)).toBe(false);
  });
});

describe('check-in window', () => {
  const at = new Date('2026-01-05T10:00:00Z');
  const r = scheduleRules({ MCF_NO_SHOW_GRACE_SECONDS: '900', MCF_CHECK_IN_EARLY_MINUTES: '30' });
  const t = (s: string) => new Date(`2026-01-05T${s}Z`);
  it('opens 30 minutes early and closes at the grace end', () => {
    expect(checkInWindow(t('09:29:59'), at, r).ok).toBe(false);
    expect(checkInWindow(t('09:30:00'), at, r).ok).toBe(true);
    expect(checkInWindow(t('10:15:00'), at, r).ok).toBe(true);
    expect(checkInWindow(t('10:15:01'), at, r).ok).toBe(false);
  });
  it('defaults to 900 s of grace; nonsense falls back to the default', () => {
    expect(scheduleRules({}).graceSeconds).toBe(900);
    expect(scheduleRules({ MCF_NO_SHOW_GRACE_SECONDS: 'soon' }).graceSeconds).toBe(900);
    expect(scheduleRules({ MCF_NO_SHOW_GRACE_SECONDS: '2' }).graceSeconds).toBe(2);
  });
});
