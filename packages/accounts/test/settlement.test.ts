import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, idempotencyKey, retryDelayMs, retryNeedsFreshKey } from '../src/domain/settlement.ts';
import { parseRoster } from '../src/domain/roster.ts';

const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 10_000 };

describe('settlement decisions', () => {
  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4, 5, 50].map((a) => retryDelayMs(a, policy))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('an error or a timeout retries until the last attempt, then fails keeping the key', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (attempt) => {
        const d = decide({ kind: 'unknown', reason: 'timeout' }, attempt, policy);
        expect(d.status).toBe(attempt >= policy.maxAttempts ? 'failed' : 'retrying');
        if (d.status === 'failed') expect(retryNeedsFreshKey(d.outcome)).toBe(false);
      }),
    );
  });

  it('a decline fails at once and only then may a retry use a fresh key', () => {
    const d = decide({ kind: 'declined', reason: 'no funds' }, 1, policy);
    expect(d).toMatchObject({ status: 'failed', outcome: 'declined' });
    expect(retryNeedsFreshKey('declined')).toBe(true);
    expect(retryNeedsFreshKey('unknown')).toBe(false);
    expect(idempotencyKey('abc', 0)).not.toBe(idempotencyKey('abc', 1));
    expect(decide({ kind: 'done', ref: 'r' }, 3, policy)).toEqual({ status: 'paid', ref: 'r' });
  });
});

describe('roster files', () => {
  it('reads CSV with quotes and any header case, and JSON in both shapes', () => {
    expect(parseRoster('ExternalId,Name,Email\nhcb-1,"Biscuit, Jr.",b@x.test\r\n\nhcb-2,Mochi,m@x.test\n')).toEqual([
      { externalId: 'hcb-1', name: 'Biscuit, Jr.', email: 'b@x.test' },
      { externalId: 'hcb-2', name: 'Mochi', email: 'm@x.test' },
    ]);
    expect(parseRoster('[{"externalId":"a","name":"A","email":"a@x.test"}]')).toHaveLength(1);
    expect(parseRoster('{"testers":[{"externalId":"a","name":"A","email":"a@x.test"}]}')).toHaveLength(1);
    expect(() => parseRoster('name,email\nA,a@x.test')).toThrow(/externalId/);
  });
});
