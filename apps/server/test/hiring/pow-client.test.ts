// The web page's proof-of-work solver produces what the server accepts.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signChallenge, verifyProof } from '../../../../packages/hiring/src/domain/pow.ts';
import { sha256, solveInBrowser } from '../../../web/src/features/hiring/pow.ts';

describe('the browser solver', () => {
  it('its SHA-256 equals Node’s on any input (lengths across block boundaries)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(Buffer.from(sha256(b)).toString('hex')).toBe(createHash('sha256').update(b).digest('hex'));
      }),
    );
  });

  it('finds nonces the server accepts', async () => {
    const now = Date.now();
    const token = signChallenge('s', { id: 'browser-1', bits: 10, expiresAt: now + 60_000 });
    const nonce = await solveInBrowser(token, 10);
    expect(verifyProof('s', token, nonce, now, 10).ok).toBe(true);
  });
});
