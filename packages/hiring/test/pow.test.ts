import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { leadingZeroBits, meetsDifficulty, readChallenge, signChallenge, solveChallenge, verifyProof } from '../src/domain/pow.ts';

const secret = 'test-secret';
const now = 1_800_000_000_000;

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Uint8Array.from([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(Uint8Array.from([0x01]))).toBe(7);
    expect(leadingZeroBits(Uint8Array.from([0xff]))).toBe(0);
    expect(leadingZeroBits(Uint8Array.from([0, 0]))).toBe(16);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 8 }), (b) => {
        const bits = [...b].map((x) => x.toString(2).padStart(8, '0')).join('');
        const expected = bits.indexOf('1') < 0 ? bits.length : bits.indexOf('1');
        expect(leadingZeroBits(b)).toBe(expected);
      }),
    );
  });

  it('a solved challenge verifies; the work is really there', () => {
    const token = signChallenge(secret, { id: 'abcdefgh12', bits: 10, expiresAt: now + 60_000 });
    const nonce = solveChallenge(token, 10);
    expect(verifyProof(secret, token, nonce, now, 10)).toMatchObject({ ok: true, challenge: { id: 'abcdefgh12', bits: 10 } });
    expect(meetsDifficulty(token, nonce, 10)).toBe(true);
  });

  it('refuses a wrong nonce, a forged or edited challenge, an expired one and a too easy one', () => {
    const token = signChallenge(secret, { id: 'abcdefgh12', bits: 12, expiresAt: now + 60_000 });
    const nonce = solveChallenge(token, 12);
    // A wrong nonce: find one that misses the target.
    let bad = 'x';
    for (let i = 0; meetsDifficulty(token, bad, 12); i++) bad = `x${i}`;
    expect(verifyProof(secret, token, bad, now, 12).ok).toBe(false);
    expect(verifyProof('other-secret', token, nonce, now, 12).ok).toBe(false);
    const easier = token.replace('.12.', '.1.');
    expect(verifyProof(secret, easier, solveChallenge(easier, 1), now, 1).ok).toBe(false);
    expect(verifyProof(secret, token, nonce, now + 60_001, 12)).toMatchObject({ ok: false, reason: expect.stringMatching(/expired/) });
    const weak = signChallenge(secret, { id: 'abcdefgh13', bits: 2, expiresAt: now + 60_000 });
    expect(verifyProof(secret, weak, solveChallenge(weak, 2), now, 12).ok).toBe(false);
    expect(readChallenge(secret, 'garbage', now).ok).toBe(false);
  });

  it('property: any tampering with a signed challenge is detected', () => {
    const token = signChallenge(secret, { id: 'abcdefgh12', bits: 8, expiresAt: now + 60_000 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom(...'abcXYZ019_-.'.split('')), (i, ch) => {
        const t = token.slice(0, i) + ch + token.slice(i + 1);
        if (t === token) return;
        expect(readChallenge(secret, t, now).ok).toBe(false);
      }),
    );
  });
});
