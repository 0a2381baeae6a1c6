// Billing against the real orders context (not hand-made events): a tester imported from the roster
// orders, cancels, and a no-show fails an order; the charges and the fine follow the orders' own events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { issueSupplies, serviceType, worker } from '../orders/support.ts';
import { waitFor } from './support.ts';

describe('billing follows the orders context', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_NO_SHOW_GRACE_SECONDS: '2', MCF_BILLING_SCHEDULE: 'off' } });
  });
  afterAll(() => s.stop());

  it('a canceled order is charged in full; a failed one is charged and fines the worker', async () => {
    const typeId = await serviceType(s);
    const w = await worker(s, 'Roster Cat');
    const m = s.client(await s.managerToken());
    const { clients } = await m.accounts.importTesters.mutate({ testers: [{ externalId: 'hcb-orders-1', name: 'Ordering Tester', email: 'ordering@hcb.test' }] });
    const login = await s.anon.accounts.loginWithLink.mutate({ loginToken: clients[0].loginToken! });
    const c = s.client(login.token);

    const later = await c.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), place: 'Hall' });
    const priced = await c.orders.get.query({ id: later.id });
    expect(priced.priceCents).toBeGreaterThan(0);
    await c.orders.cancel.mutate({ orderId: later.id });
    const st = await waitFor('the charge', () => c.accounts.billing.statement.query(), (x) => x.entries.length === 1);
    expect(st.entries[0]).toMatchObject({ kind: 'charge', amountCents: priced.priceCents, orderId: later.id });

    const soon = await c.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss', scheduledAt: new Date(Date.now() + 1500).toISOString(), place: 'Garden' });
    const o = await c.orders.get.query({ id: soon.id });
    expect(o.workerId).toBe(w.id);
    await issueSupplies(s, o.id, w.id);
    const ws = await waitFor('the fine', () => w.client.accounts.billing.statement.query(), (x) => x.entries.some((e) => e.kind === 'fine'), 20_000);
    expect(ws.entries).toEqual([expect.objectContaining({ kind: 'fine', amountCents: -4_000, orderId: o.id })]);
    const cs = await waitFor('the second charge', () => c.accounts.billing.statement.query(), (x) => x.entries.length === 2);
    expect(cs.upcomingCents).toBe(priced.priceCents! + o.priceCents!);
  });
});
