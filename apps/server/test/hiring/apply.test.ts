// The public application: validation, photos, proof of work, duplicates, per-address limits.
process.env.MCF_TRUST_PROXY = '1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { apply, clientFrom, codeOf, form, proof, tinyPng } from './support.ts';

let s: TestServer;
let ipSeq = 0;
const nextIp = () => `198.51.100.${++ipSeq}`;
const countApplications = async () => Number((await s.app.db.withSchema('hiring').selectFrom('application').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  s = await startTestServer({ env: { MCF_HIRING_POW_BITS: '6', MCF_HIRING_APPLY_BURST: '3' } });
});
afterAll(() => s.stop());

describe('hiring.apply', () => {
  it('takes an application with a photo; managers see it as new', async () => {
    const { applicationId, input } = await apply(s.url, nextIp(), { photo: tinyPng });
    const m = s.client(await s.managerToken());
    const list = await m.hiring.applications.query({ status: 'new' });
    expect(list.applications.find((a) => a.id === applicationId)).toMatchObject({ name: input.name, status: 'new', hasPhoto: true });
    expect(list.counts.new).toBeGreaterThanOrEqual(1);
    expect(await m.hiring.photo.query({ applicationId })).toEqual(tinyPng);
  });

  it('refuses bad input with the field named, and stores nothing', async () => {
    const before = await countApplications();
    // Every attempt counts against its address (3 per address here), so each comes from a new one.
    const send = async (over: Record<string, unknown>, drop?: string) => {
      const c = clientFrom(s.url, { ip: nextIp() });
      const input: Record<string, unknown> = { ...form(over), proof: await proof(c) };
      if (drop) delete input[drop];
      return c.hiring.apply.mutate(input as never).then(() => 'OK', (e) => ({ code: codeOf(e), message: (e as Error).message }));
    };
    expect(await send({ age: 300 })).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/age/) });
    expect(await send({ age: 0 })).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/age/) });
    expect(await send({ age: -4 })).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await send({ age: 'three' })).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await send({}, 'breed')).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/breed/) });
    expect(await send({ name: '' })).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/name/) });
    expect(await send({ photo: { mimeType: 'image/png', dataBase64: Buffer.from('#!/bin/sh\nrm -rf /').toString('base64') } })).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/photo/),
    });
    expect(await send({ photo: { mimeType: 'image/jpeg', dataBase64: tinyPng.dataBase64 } })).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await send({ photo: { mimeType: 'image/png', dataBase64: 'not base64 at all' } })).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await countApplications()).toBe(before);
  });

  it('refuses a photo over 5 MB (PAYLOAD_TOO_LARGE), also before reading a huge body', async () => {
    const c = clientFrom(s.url, { ip: nextIp(), batch: false });
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024)]);
    const r = await c.hiring.apply.mutate({ ...form(), photo: { mimeType: 'image/jpeg', dataBase64: big.toString('base64') }, proof: await proof(c) } as never).catch(codeOf);
    expect(r).toBe('PAYLOAD_TOO_LARGE');
    // 12 MB claimed: refused from the headers alone.
    const res = await fetch(`${s.url}/trpc/hiring.apply`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() }, body: 'x'.repeat(12 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('requires a fresh, solved, single-use proof of work', async () => {
    let c = clientFrom(s.url, { ip: nextIp() });
    expect(await c.hiring.apply.mutate(form() as never).catch(codeOf)).toBe('BAD_REQUEST');
    const ch = await c.hiring.challenge.query();
    expect(ch.bits).toBe(6);
    const wrong = await c.hiring.apply.mutate({ ...form(), proof: { challenge: ch.challenge, nonce: findWrongNonce(ch.challenge) } } as never).catch((e) => e);
    expect(codeOf(wrong)).toBe('BAD_REQUEST');
    expect(wrong.message).toMatch(/proof/);
    c = clientFrom(s.url, { ip: nextIp() });
    const p = await proof(c);
    await c.hiring.apply.mutate({ ...form(), proof: p } as never);
    expect(await c.hiring.apply.mutate({ ...form(), proof: p } as never).catch(codeOf)).toBe('CONFLICT');
  });

  it('detects a duplicate application from the same contact', async () => {
    const first = await apply(s.url, nextIp(), { contact: 'Whiskers@Example.com' });
    expect(first.applicationId).toBeTruthy();
    const again = await apply(s.url, nextIp(), { contact: ' whiskers+again@example.com' }).catch((e) => e);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.message).toMatch(/already/);
  });

  it('limits applications per address; other addresses are unaffected', async () => {
    const ip = nextIp();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(await apply(s.url, ip).then(() => 'OK', codeOf));
    expect(codes).toEqual(['OK', 'OK', 'OK', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect(await apply(s.url, nextIp()).then(() => 'OK', codeOf)).toBe('OK');
    const res = await fetch(`${s.url}/trpc/hiring.apply?batch=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: '{"0":{}}' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect((await res.json())[0].error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', path: 'hiring.apply' });
  });
});

import { meetsDifficulty } from '../../../../packages/hiring/src/domain/pow.ts';
function findWrongNonce(challenge: string) {
  for (let i = 0; ; i++) if (!meetsDifficulty(challenge, `w${i}`, 6)) return `w${i}`;
}
