import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { startTestServer, type TestServer } from '../support/harness.ts';

const codeOf = (e: unknown) => (e instanceof TRPCClientError ? e.data?.code : String(e));

describe('tester roster import and one-time login links', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  it('imports new testers as password-less clients with a one-time login link', async () => {
    const m = s.client(await s.managerToken());
    const r = await m.accounts.importTesters.mutate({ testers: [{ externalId: 'hcb-1', name: 'Biscuit', email: 'Biscuit@HCB.test' }, { externalId: 'hcb-2', name: 'Mochi', email: 'mochi@hcb.test' }] });
    expect(r.clients).toHaveLength(2);
    const [b] = r.clients;
    expect(b).toMatchObject({ externalId: 'hcb-1', created: true });
    expect(b.loginToken).toMatch(/^mcfl_/);
    const me = await s.app.contexts.accounts.facade.get(b.id);
    expect(me).toMatchObject({ role: 'client', name: 'Biscuit', email: 'biscuit@hcb.test' });
    // No password: the email cannot sign in with one.
    await expect(s.anon.accounts.login.mutate({ email: 'biscuit@hcb.test', password: '' })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST' || codeOf(e) === 'UNAUTHORIZED');

    const login = await s.anon.accounts.loginWithLink.mutate({ loginToken: b.loginToken! });
    expect(login.account).toEqual({ id: b.id, role: 'client', name: 'Biscuit' });
    expect(await s.client(login.token).accounts.me.query()).toMatchObject({ id: b.id, role: 'client' });
    // One-time: a second use is refused.
    await expect(s.anon.accounts.loginWithLink.mutate({ loginToken: b.loginToken! })).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
    // Only a hash of the token is stored.
    const rows = await s.app.db.withSchema('accounts').selectFrom('login_link').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(b.loginToken!.slice(5));
  });

  it('re-importing a known externalId changes nothing and returns the same client', async () => {
    const m = s.client(await s.managerToken());
    const first = await m.accounts.importTesters.mutate({ testers: [{ externalId: 'hcb-9', name: 'Pepper', email: 'pepper@hcb.test' }] });
    const again = await m.accounts.importTesters.mutate({ testers: [{ externalId: 'hcb-9', name: 'Pepper Renamed', email: 'other@hcb.test' }] });
    expect(again.clients[0]).toEqual({ externalId: 'hcb-9', id: first.clients[0].id, loginToken: null, created: false });
    expect((await s.app.contexts.accounts.facade.get(first.clients[0].id))?.name).toBe('Pepper');
    // The first link still works; a manager can issue a fresh one.
    const fresh = await m.accounts.issueLoginLink.mutate({ accountId: first.clients[0].id });
    expect((await s.anon.accounts.loginWithLink.mutate({ loginToken: fresh.loginToken })).account.id).toBe(first.clients[0].id);
    expect((await s.anon.accounts.loginWithLink.mutate({ loginToken: first.clients[0].loginToken! })).account.id).toBe(first.clients[0].id);
  });

  it('two imports of the same roster at once create each client once', async () => {
    const m = s.client(await s.managerToken());
    const testers = Array.from({ length: 5 }, (_, i) => ({ externalId: `race-${i}`, name: `Racer ${i}`, email: `racer${i}@hcb.test` }));
    const [a, b] = await Promise.all([m.accounts.importTesters.mutate({ testers }), m.accounts.importTesters.mutate({ testers })]);
    expect(a.clients.map((c) => c.id)).toEqual(b.clients.map((c) => c.id));
    const n = await s.app.db.withSchema('accounts').selectFrom('account').select((e) => e.fn.countAll<number>().as('n')).where('external_id', 'like', 'race-%').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(5);
  });

  it('an expired link is refused', async () => {
    const m = s.client(await s.managerToken());
    const r = await m.accounts.importTesters.mutate({ testers: [{ externalId: 'hcb-old', name: 'Old', email: 'old@hcb.test' }] });
    await s.app.db.withSchema('accounts').updateTable('login_link').set({ expires_at: new Date(Date.now() - 1000) }).where('account_id', '=', r.clients[0].id).execute();
    await expect(s.anon.accounts.loginWithLink.mutate({ loginToken: r.clients[0].loginToken! })).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
    await expect(s.anon.accounts.loginWithLink.mutate({ loginToken: 'mcfl_madeup' })).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
  });

  it('only managers import; bad rows and taken emails are refused and change nothing', async () => {
    const c = await s.signedIn('client');
    await expect(c.client.accounts.importTesters.mutate({ testers: [{ externalId: 'x', name: 'X', email: 'x@hcb.test' }] })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    const m = s.client(await s.managerToken());
    const bad = await m.accounts.importTesters.mutate({ testers: [{ externalId: '', name: 'X', email: 'nope' }] }).catch((e) => e);
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/testers\.0\.email/);
    const taken = await m.accounts.importTesters.mutate({ testers: [{ externalId: 'new-1', name: 'New', email: 'new1@hcb.test' }, { externalId: 'new-2', name: 'Dup', email: c.email }] }).catch((e) => e);
    expect(codeOf(taken)).toBe('CONFLICT');
    expect(await s.app.contexts.accounts.facade.findByEmail('new1@hcb.test')).toBeNull();
  });

  it('facade: contact and paidTotalCents (zero before any invoice is paid)', async () => {
    const w = await s.signedIn('worker', 'Luna');
    expect(await s.app.contexts.accounts.facade.contact(w.id)).toEqual({ name: 'Luna', email: w.email });
    expect(await s.app.contexts.accounts.facade.contact('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await s.app.contexts.accounts.facade.paidTotalCents(w.id)).toBe(0);
  });
});
