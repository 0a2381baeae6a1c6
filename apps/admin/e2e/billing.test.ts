// Chromium through billing: a manager imports testers and hands out a login link; the tester lands
// signed in; order outcomes become charges; the manager closes the week in the admin app, sees the
// declined collection and retries it; the client sees the invoice paid; a credited worker sees the
// month's bar in the earnings chart.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughUi, startBrowserServer, type BrowserServer } from '@mcf/web/e2e';

// The payment simulator declines the first collection (read by the server this file starts).
process.env.MCF_PAYMENTS_SCRIPT = 'decline';
process.env.MCF_BILLING_SCHEDULE = 'off';

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

function localDate(d: Date) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('billing in the browser', () => {
  it('testers, charges, closing a week, a failed collection retried, statements and the earnings chart', { timeout: 90_000 }, async () => {
    const manager = await env.account('manager', 'Billing Boss');
    const admin = await env.newPage();
    await signInThroughUi(admin, manager, 'admin');
    await admin.getByTestId('admin-home').waitFor();

    // Import a tester by pasting a roster.
    await admin.getByRole('link', { name: 'Testers' }).click();
    const form = admin.getByRole('form', { name: 'Import testers' });
    await form.getByLabel('Or paste it').fill('externalId,name,email\nhcb-e2e-1,Tester Tabby,tabby@hcb-e2e.test\n');
    await form.getByRole('button', { name: 'Import' }).click();
    const link = await admin.getByLabel('Login link for hcb-e2e-1').inputValue();
    expect(link).toMatch(/\/login\/link\?token=mcfl_/);

    // The tester opens the link and lands signed in as a client.
    const tester = await env.newPage();
    await tester.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await tester.getByTestId('home-client').waitFor();
    const clientId = (await env.server.app.contexts.accounts.facade.findByEmail('tabby@hcb-e2e.test'))!.id;
    const worker = await env.account('worker', 'Earning Cat');

    // Orders that ended last week are charged (published as the orders context does).
    const now = new Date();
    const lastSunday = new Date(now);
    lastSunday.setDate(now.getDate() - (now.getDay() || 7));
    const lastWeek = new Date(lastSunday);
    lastWeek.setDate(lastSunday.getDate() - 3);
    lastWeek.setHours(12, 0, 0, 0);
    const at = lastWeek.toISOString();
    const order = (status: string, priceCents: number) => ({
      orderId: randomUUID(), clientId, workerId: worker.id, serviceTypeId: randomUUID(), serviceTypeName: 'Jar tossing', status, priceCents,
      scheduledAt: at, place: 'Box', description: 'e2e', copyOf: null, reason: null, noShow: false, previousWorkerId: null, at,
    });
    await env.server.app.platform.db.transaction().execute((trx) =>
      env.server.app.platform.events.publish(trx, 'orders', [order('completed', 10_000), order('canceled', 9_500)].map((p) => ({ type: `orders.${p.status}`, channels: [`order:${p.orderId}`], payload: p }))),
    );

    // The client sees the charges and what the week will cost.
    await tester.getByRole('link', { name: 'Billing' }).click();
    await tester.getByTestId('client-billing').waitFor();
    await expectText(tester.getByTestId('upcoming'), '195.00 CU', () => tester.reload());

    // The manager closes last week; the first collection is declined, then retried.
    await admin.getByRole('link', { name: 'Billing' }).click();
    const close = admin.getByRole('form', { name: 'Close a week' });
    await close.getByLabel('Week ending (Sunday)').fill(localDate(lastSunday));
    await close.getByRole('button', { name: 'Close week' }).click();
    await admin.getByTestId('closed').waitFor();
    const row = admin.locator('[data-testid="invoice-list"] tr', { hasText: 'Tester Tabby' });
    await row.and(admin.locator('[data-status="failed"]')).waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: 'Retry' }).click();
    await row.and(admin.locator('[data-status="paid"]')).waitFor({ timeout: 20_000 });

    await tester.reload();
    await tester.locator('[data-testid="invoices"] tr[data-status="paid"]').waitFor();
    expect(await tester.getByTestId('upcoming').textContent()).toBe('0.00 CU');
    expect(await env.server.app.contexts.accounts.facade.paidTotalCents(clientId)).toBe(19_500);

    // The manager credits the worker; the worker's chart shows this month's bar.
    const credit = admin.getByRole('form', { name: 'Credit a worker' });
    await credit.getByLabel('Worker').selectOption({ label: 'Earning Cat' });
    await credit.getByLabel('Amount (CU)').fill('12.50');
    await credit.getByLabel('Reason').fill('Helped in the e2e test');
    await credit.getByRole('button', { name: 'Credit' }).click();
    await admin.getByTestId('credited').waitFor();

    const w = await env.newPage();
    await signInThroughUi(w, worker, 'web');
    await w.getByRole('link', { name: 'Earnings' }).click();
    const chart = w.getByTestId('earnings-chart');
    await chart.waitFor();
    const month = localDate(now).slice(0, 7);
    const lastWeekMonth = localDate(lastWeek).slice(0, 7);
    const expected = new Map<string, number>();
    expected.set(lastWeekMonth, 6_000);
    expected.set(month, (expected.get(month) ?? 0) + 1_250);
    for (const [m, net] of expected) expect(await chart.locator(`[data-month="${m}"]`).getAttribute('data-net')).toBe(String(net));
    expect(await w.getByTestId('entries').textContent()).toContain('Helped in the e2e test');
    expect(env.pageErrors).toEqual([]);
  });
});

async function expectText(loc: { textContent(): Promise<string | null> }, text: string, retry: () => Promise<unknown>) {
  for (let i = 0; i < 40; i++) {
    if ((await loc.textContent()) === text) return;
    await new Promise((r) => setTimeout(r, 250));
    if (i % 8 === 7) await retry();
  }
  expect(await loc.textContent()).toBe(text);
}
