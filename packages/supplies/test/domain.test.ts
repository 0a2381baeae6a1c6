// Supplies' pure rules: issuing, reacting to order events, fortunes, the bakery simulator, PDF text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock } from '@mcf/kernel';
import { decideIssue, decideOnOrderEvent, missing, waitingFor, type SupplyRequest } from '../src/domain/request.ts';
import { BLESSINGS, GIFTS, OPENERS, TIMES, localFortune, LocalFortuneTeller } from '../src/domain/fortune.ts';
import { SimulatedBakery, BakeryRejected, BakeryUnavailable } from '../src/bakery.ts';
import { latin1, orderNumber } from '../src/acceptanceForm.ts';

const now = new Date('2026-12-01T09:00:00Z');
const base: SupplyRequest = {
  id: 'r1', orderId: 'o1', workerId: 'w1', workerName: 'W', clientId: 'c1', clientName: 'C', serviceTypeName: 'S',
  scheduledAt: now, place: 'P', description: 'D', state: 'open', cookie: 'pending', cookieReason: null, cookieDueAt: null,
  cookieArrivedAt: null, fortune: null, issuedAt: null, issuedBy: null, withdrawnReason: null, version: 1, createdAt: now,
};

describe('issuing', () => {
  it('issues an open request whose cookie arrived', () => {
    expect(decideIssue({ ...base, cookie: 'arrived' }, now)).toEqual({ kind: 'issue' });
  });
  it('is idempotent once issued', () => {
    expect(decideIssue({ ...base, cookie: 'arrived', state: 'issued' }, now)).toEqual({ kind: 'already' });
  });
  it('refuses while the cookie is pending, saying when it is due or that it is late', () => {
    const due = new Date(now.getTime() + 600_000);
    const d = decideIssue({ ...base, cookieDueAt: due }, now);
    expect(d.kind === 'refuse' && d.reason).toMatch(/fortune cookie: it is due at 09:10 UTC/);
    const late = decideIssue({ ...base, cookieDueAt: new Date(now.getTime() - 1) }, now);
    expect(late.kind === 'refuse' && late.reason).toMatch(/late/);
    const placing = decideIssue(base, now);
    expect(placing.kind === 'refuse' && placing.reason).toMatch(/being placed/);
  });
  it('refuses a failed cookie with its reason, and a withdrawn request', () => {
    const f = decideIssue({ ...base, cookie: 'failed', cookieReason: 'oven on fire' }, now);
    expect(f.kind === 'refuse' && f.reason).toMatch(/oven on fire/);
    const w = decideIssue({ ...base, cookie: 'arrived', state: 'withdrawn', withdrawnReason: 'the order was canceled' }, now);
    expect(w.kind === 'refuse' && w.reason).toMatch(/withdrawn: the order was canceled/);
  });
  it('lists what is missing', () => {
    expect(missing(base)).toEqual(['fortune cookie']);
    expect(missing({ ...base, cookie: 'arrived' })).toEqual([]);
    expect(missing({ ...base, state: 'issued' })).toEqual([]);
    expect(waitingFor({ ...base, cookie: 'arrived' }, now)).toBeNull();
  });
  it('never issues unless open with an arrived cookie (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('open', 'issued', 'withdrawn' as const), fc.constantFrom('pending', 'arrived', 'failed' as const), (state, cookie) => {
        const d = decideIssue({ ...base, state: state as never, cookie: cookie as never }, now);
        if (d.kind === 'issue') expect(state === 'open' && cookie === 'arrived').toBe(true);
        if (state === 'issued') expect(d.kind).toBe('already');
      }),
    );
  });
});

describe('order events', () => {
  const snap = { workerId: 'w1', reason: null, noShow: false };
  it('matched opens a request once, re-addresses on a new worker', () => {
    expect(decideOnOrderEvent(null, 'orders.matched', snap)).toEqual({ kind: 'open' });
    expect(decideOnOrderEvent({ state: 'open', workerId: 'w1' }, 'orders.matched', snap)).toEqual({ kind: 'none' });
    expect(decideOnOrderEvent({ state: 'open', workerId: 'w0' }, 'orders.matched', snap)).toEqual({ kind: 'readdress', previousWorkerId: 'w0', reopen: false });
    expect(decideOnOrderEvent({ state: 'issued', workerId: 'w0' }, 'orders.matched', snap)).toEqual({ kind: 'readdress', previousWorkerId: 'w0', reopen: true });
    expect(decideOnOrderEvent({ state: 'withdrawn', workerId: 'w0' }, 'orders.matched', snap)).toEqual({ kind: 'none' });
  });
  it('canceled and failed withdraw, with a reason', () => {
    expect(decideOnOrderEvent({ state: 'open', workerId: 'w1' }, 'orders.canceled', { ...snap, reason: 'rain' })).toEqual({ kind: 'withdraw', reason: 'the order was canceled (rain)' });
    expect(decideOnOrderEvent({ state: 'issued', workerId: 'w1' }, 'orders.failed', { ...snap, noShow: true })).toEqual({ kind: 'withdraw', reason: 'the order failed (no-show)' });
    expect(decideOnOrderEvent({ state: 'withdrawn', workerId: 'w1' }, 'orders.canceled', snap)).toEqual({ kind: 'none' });
  });
});

describe('fortunes', () => {
  const uuid = fc.uuid();
  it('are deterministic per order and built only from the curated lists', async () => {
    const allowed = new RegExp(`^(${OPENERS.join('|')}) (${GIFTS.join('|')}) (${TIMES.join('|')})\\. (${BLESSINGS.map((b) => b.replace(/[.;]/g, (c) => `\\${c}`)).join('|')})$`);
    fc.assert(
      fc.property(uuid, (orderId) => {
        const req = { orderId, serviceTypeName: 'x', clientName: 'y' };
        const text = localFortune(req);
        expect(text).toBe(localFortune({ ...req, clientName: 'other' }));
        expect(text).toMatch(allowed);
        expect(text.length).toBeLessThanOrEqual(240);
      }),
    );
    expect(await new LocalFortuneTeller().predict({ orderId: 'a', serviceTypeName: 'x', clientName: 'y' })).toBe(localFortune({ orderId: 'a', serviceTypeName: 'x', clientName: 'y' }));
  });
  it('vary between orders', () => {
    const texts = new Set(Array.from({ length: 300 }, (_, i) => localFortune({ orderId: `order-${i}`, serviceTypeName: 'x', clientName: 'y' })));
    expect(texts.size).toBeGreaterThan(280);
  });
  it('contain no word from a list of unkind ones', () => {
    const words = [...OPENERS, ...GIFTS, ...TIMES, ...BLESSINGS].join(' ').toLowerCase();
    for (const bad of ['die', 'death', 'dead', 'kill', 'ugly', 'fat', 'stupid', 'hate', 'sick', 'poor', 'lose', 'lost', 'fail', 'hell', 'damn']) {
      expect(words).not.toMatch(new RegExp(`\\b${bad}\\b`));
    }
  });
});

describe('bakery simulator', () => {
  it('promises the cookie after the delay and is idempotent per key', async () => {
    const clock = new ManualClock(now);
    const b = new SimulatedBakery({ clock, delaySeconds: 600 });
    const order = { idempotencyKey: 'k1', orderId: 'o1', client: { name: 'C', email: 'c@x' }, text: 't' };
    const a = await b.order(order);
    clock.advance(5000);
    expect(await b.order(order)).toEqual(a);
    expect(a.expectedAt.toISOString()).toBe('2026-12-01T09:10:00.000Z');
    expect(await b.status(a.bakeryOrderId)).toEqual({ state: 'in_transit', expectedAt: a.expectedAt });
    clock.set(a.expectedAt);
    expect(await b.status(a.bakeryOrderId)).toEqual({ state: 'delivered' });
    // Stateless: another instance (a restarted server) knows the delivery time from the id alone.
    expect(await new SimulatedBakery({ clock, delaySeconds: 1 }).status(a.bakeryOrderId)).toEqual({ state: 'delivered' });
  });
  it('can be late, fail or refuse', async () => {
    const clock = new ManualClock(now);
    const late = new SimulatedBakery({ clock, delaySeconds: 60, lateRate: 1, lateSeconds: 30 });
    const a = await late.order({ idempotencyKey: 'k', orderId: 'o', client: { name: 'C', email: '' }, text: 't' });
    clock.advance(60_000);
    expect(await late.status(a.bakeryOrderId)).toEqual({ state: 'in_transit', expectedAt: new Date(now.getTime() + 90_000) });
    const b = new SimulatedBakery({ clock, delaySeconds: 1 });
    b.failNext();
    b.rejectNext();
    const o = { idempotencyKey: 'x', orderId: 'o', client: { name: 'C', email: '' }, text: 't' };
    await expect(b.order(o)).rejects.toBeInstanceOf(BakeryUnavailable);
    await expect(b.order(o)).rejects.toBeInstanceOf(BakeryRejected);
    await expect(b.order(o)).resolves.toHaveProperty('bakeryOrderId');
    const flaky = new SimulatedBakery({ clock, delaySeconds: 1, failureRate: 1 });
    await expect(flaky.order(o)).rejects.toBeInstanceOf(BakeryUnavailable);
  });
});

describe('acceptance form text', () => {
  it('keeps Latin-1, strips accents it cannot print and marks the rest', () => {
    expect(latin1('Pepper Élan — “Mochi”')).toBe('Pepper Élan — “Mochi”');
    expect(latin1('Čápek Ōno')).toBe('Cápek Ono');
    expect(latin1('Мурка 猫')).toBe('????? ?');
    expect(orderNumber('0a1b2c3d-4e5f-4000-8000-000000000000')).toBe('0A1B2C3D');
  });
});
