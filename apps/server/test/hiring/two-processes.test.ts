// Two server processes on one database: a challenge from one is accepted by the other (the HMAC key is
// shared through the database), a used proof is refused by both, and duplicates are caught across them.
process.env.MCF_TRUST_PROXY = '1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '@mcf/hiring';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { clientFrom, codeOf, form } from './support.ts';

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  a = await startTestServer({ env: { MCF_HIRING_POW_BITS: '6' } });
  b = await startTestServer({ databaseUrl: a.databaseUrl, env: { MCF_HIRING_POW_BITS: '6' } });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

describe('proof of work across processes', () => {
  it('a challenge from one process is good at the other, once', async () => {
    const ca = clientFrom(a.url, { ip: '198.51.100.77' });
    const cb = clientFrom(b.url, { ip: '198.51.100.78' });
    const ch = await ca.hiring.challenge.query();
    const proof = { challenge: ch.challenge, nonce: solveChallenge(ch.challenge, ch.bits) };
    const first = form();
    expect(await cb.hiring.apply.mutate({ ...first, proof } as never)).toHaveProperty('applicationId');
    expect(await ca.hiring.apply.mutate({ ...form(), proof } as never).catch(codeOf)).toBe('CONFLICT');
    // The same contact again, through the other process: a duplicate.
    const ch2 = await cb.hiring.challenge.query();
    const dup = await ca.hiring.apply.mutate({ ...form({ contact: first.contact }), proof: { challenge: ch2.challenge, nonce: solveChallenge(ch2.challenge, ch2.bits) } } as never).catch((e) => e);
    expect(codeOf(dup)).toBe('CONFLICT');
    expect(dup.message).toMatch(/already/);
  });
});
