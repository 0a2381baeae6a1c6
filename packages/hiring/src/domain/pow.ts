// Proof of work (hashcash) for the public application form. The server hands out a signed, expiring
// challenge; the applicant's browser searches a nonce such that sha256(`${challenge}:${nonce}`) starts
// with `bits` zero bits. Verification is one HMAC and one SHA-256: cheap for us, ~2^bits hashes for them.
// Pure: the secret, the random id and the time are passed in.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface Challenge {
  /** Random, url-safe; makes the challenge single-use (the server remembers used ids until expiry). */
  id: string;
  bits: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export const MAX_POW_BITS = 32;
const MAC_CHARS = 22; // 132 bits of HMAC-SHA256, url-safe

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url').slice(0, MAC_CHARS);

/** `<id>.<bits>.<expiresAt>.<mac>` */
export function signChallenge(secret: string, c: Challenge): string {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(c.id)) throw new RangeError('challenge id must be 8..64 url-safe characters');
  if (!Number.isInteger(c.bits) || c.bits < 0 || c.bits > MAX_POW_BITS) throw new RangeError('bits out of range');
  const body = `${c.id}.${c.bits}.${c.expiresAt}`;
  return `${body}.${mac(secret, body)}`;
}

export type ChallengeCheck = { ok: true; challenge: Challenge } | { ok: false; reason: string };

/** Reads a challenge the server signed; refuses forged, malformed and expired ones. */
export function readChallenge(secret: string, token: string, nowMs: number): ChallengeCheck {
  if (typeof token !== 'string' || token.length > 200) return { ok: false, reason: 'The form check is malformed; reload the page' };
  const parts = token.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'The form check is malformed; reload the page' };
  const [id, bitsS, expS, tag] = parts;
  const body = `${id}.${bitsS}.${expS}`;
  const expected = Buffer.from(mac(secret, body));
  const got = Buffer.from(tag);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return { ok: false, reason: 'The form check was not issued by us; reload the page' };
  const bits = Number(bitsS);
  const expiresAt = Number(expS);
  if (!Number.isInteger(bits) || !Number.isSafeInteger(expiresAt)) return { ok: false, reason: 'The form check is malformed; reload the page' };
  if (nowMs > expiresAt) return { ok: false, reason: 'The form check has expired; submit again' };
  return { ok: true, challenge: { id, bits, expiresAt } };
}

export function leadingZeroBits(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) {
    if (b === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(b) - 24;
  }
  return n;
}

export const powDigest = (token: string, nonce: string) => createHash('sha256').update(`${token}:${nonce}`).digest();

export function meetsDifficulty(token: string, nonce: string, bits: number): boolean {
  return leadingZeroBits(powDigest(token, nonce)) >= bits;
}

/** Everything `hiring.apply` checks about a proof: signature, expiry, the work itself. */
export function verifyProof(secret: string, token: string, nonce: string, nowMs: number, minBits: number): ChallengeCheck {
  const read = readChallenge(secret, token, nowMs);
  if (!read.ok) return read;
  if (read.challenge.bits < minBits) return { ok: false, reason: 'The form check is too easy; reload the page' };
  if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > 64) return { ok: false, reason: 'The form check answer is malformed' };
  if (!meetsDifficulty(token, nonce, read.challenge.bits)) return { ok: false, reason: 'The form check answer is wrong; submit again' };
  return read;
}

/** The applicant's side (the web page does the same with WebCrypto); tests use it with low difficulty. */
export function solveChallenge(token: string, bits: number, maxTries = 2 ** (bits + 6)): string {
  for (let i = 0; i < maxTries; i++) {
    const nonce = i.toString(36);
    if (meetsDifficulty(token, nonce, bits)) return nonce;
  }
  throw new Error('no nonce found');
}
