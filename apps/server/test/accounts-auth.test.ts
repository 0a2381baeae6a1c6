import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { startTestServer, type TestServer } from './support/harness.ts';

const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

describe('sign-in and sessions', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', MCF_LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '1000' } });
  });
  afterAll(() => s.stop());

  it('signs in with the right password and tells who is calling', async () => {
    const w = await s.signedIn('worker', 'Luna');
    const me = await w.client.accounts.me.query();
    expect(me).toMatchObject({ id: w.id, role: 'worker', name: 'Luna', email: w.email });
  });

  it('refuses a wrong password and an unknown account alike', async () => {
    const w = await s.signedIn('client');
    await expect(s.anon.accounts.login.mutate({ email: w.email, password: 'wrong-one' })).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
    await expect(s.anon.accounts.login.mutate({ email: 'nobody@test.mcf', password: 'x' })).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
  });

  it('answers UNAUTHORIZED without a token or with a made-up one', async () => {
    await expect(s.anon.accounts.me.query()).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
    await expect(s.client('mcfs_madeup').accounts.me.query()).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
  });

  it('a revoked token stops working', async () => {
    const c = await s.signedIn('clerk');
    await c.client.accounts.logout.mutate();
    await expect(c.client.accounts.me.query()).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
  });

  it('an expired token stops working', async () => {
    const c = await s.signedIn('client');
    await s.app.db.withSchema('accounts').updateTable('session').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    await expect(c.client.accounts.me.query()).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
  });

  it('only managers create accounts; a rejected call creates nothing', async () => {
    const clerk = await s.signedIn('clerk');
    const input = { role: 'worker' as const, email: 'new.worker@test.mcf', name: 'New', password: 'long-enough-1' };
    await expect(clerk.client.accounts.create.mutate(input)).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    expect(await s.app.contexts.accounts.facade.findByEmail(input.email)).toBeNull();
    const m = s.client(await s.managerToken());
    const { id } = await m.accounts.create.mutate(input);
    expect((await s.app.contexts.accounts.facade.get(id))?.role).toBe('worker');
    await expect(m.accounts.create.mutate(input)).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT');
  });

  it('bad input names the field and is BAD_REQUEST', async () => {
    const m = s.client(await s.managerToken());
    const err = await m.accounts.create.mutate({ role: 'boss' as never, email: 'x', name: '', password: 'short' }).catch((e) => e);
    expect(codeOf(err)).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/role/);
    expect(err.message).toMatch(/email/);
  });

  it('throttles repeated failures for one account, even with the right password afterwards', async () => {
    const w = await s.signedIn('worker');
    for (let i = 0; i < 3; i++) await s.anon.accounts.login.mutate({ email: w.email, password: 'nope' }).catch(() => undefined);
    await expect(s.anon.accounts.login.mutate({ email: w.email, password: 'test-password-1' })).rejects.toSatisfy((e) => codeOf(e) === 'TOO_MANY_REQUESTS');
  });
});

describe('sign-in throttling per address', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '4' } });
  });
  afterAll(() => s.stop());

  it('stops an address that tries too often across many accounts', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push(await s.anon.accounts.login.mutate({ email: `guess${i}@test.mcf`, password: 'x' }).then(() => 'OK', codeOf));
    expect(codes.slice(0, 4)).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED']);
    expect(codes.slice(4)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
  });
});
