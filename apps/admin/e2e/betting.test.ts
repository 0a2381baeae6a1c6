// Two managers watch one order's odds in two browser pages; one bets, the other sees the odds move.
// The web app shows no trace of betting to anyone else.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughUi, startBrowserServer, waitForConnected, type BrowserServer } from '@mcf/web/e2e';

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

/** An order opened the way the orders context announces it (docs/contracts.md). */
async function openOrder(): Promise<string> {
  const orderId = randomUUID();
  const app = env.server.app;
  await app.platform.db.transaction().execute((trx) =>
    app.platform.events.publish(trx, 'orders', [
      {
        type: 'orders.created',
        channels: [`order:${orderId}`, 'orders'],
        payload: {
          orderId, clientId: randomUUID(), workerId: null, serviceTypeId: randomUUID(), serviceTypeName: 'Jar tossing', status: 'created',
          priceCents: null, scheduledAt: new Date(Date.now() + 86_400_000).toISOString(), place: 'Kitchen', description: 'Toss the jar',
          copyOf: null, reason: null, noShow: false, previousWorkerId: null, at: new Date().toISOString(),
        },
      },
    ]),
  );
  for (let i = 0; i < 200 && !(await app.contexts.betting.facade.odds(orderId)); i++) await new Promise((r) => setTimeout(r, 50));
  return orderId;
}

describe('live odds in the admin app', () => {
  it('one manager bets, the other sees the odds change live', async () => {
    const orderId = await openOrder();
    const alice = await env.account('manager', 'Alice Paws');
    const bob = await env.account('manager', 'Bob Whiskers');

    const pa = await env.newPage();
    await signInThroughUi(pa, alice, 'admin');
    await pa.getByTestId('admin-home').waitFor();
    const pb = await env.newPage();
    await signInThroughUi(pb, bob, 'admin');
    await pb.getByTestId('admin-home').waitFor();

    // Alice tops up through the tote's home and finds the order in the open list.
    await pa.getByRole('link', { name: 'Tote' }).click();
    await pa.getByTestId('tote-home').waitFor();
    const topUp = pa.getByRole('form', { name: 'Top up' });
    await topUp.getByLabel('Amount (CU)').fill('50');
    await topUp.getByRole('button', { name: 'Top up' }).click();
    await pa.getByTestId('wallet-balance').getByText('50.00 CU').waitFor();
    await pa.getByTestId('open-orders').getByRole('link', { name: 'Jar tossing' }).first().waitFor();

    // Both watch the order's odds.
    await pa.goto(`/admin/betting/orders/${orderId}`);
    await pb.goto(`/admin/betting/orders/${orderId}`);
    for (const p of [pa, pb]) {
      await waitForConnected(p);
      await p.getByTestId('pool').getByText('0.00 CU').waitFor();
    }

    // Alice bets 12.50 CU on "completed": Bob's page shows it without reloading.
    const form = pa.getByRole('form', { name: 'Place a bet' });
    await form.getByLabel('Outcome').selectOption('completed');
    await form.getByLabel('Stake (CU)').fill('12.50');
    await form.getByRole('button', { name: 'Place bet' }).click();
    await pa.getByTestId('bet-placed').waitFor();
    await pb.getByTestId('pool').getByText('12.50 CU').waitFor();
    expect(await pb.getByTestId('odds-completed').textContent()).toContain('1.00×');

    // Bob tops up through the API and bets on "failed": Alice sees the odds move.
    const bobClient = env.server.client((await env.server.anon.accounts.login.mutate({ email: bob.email, password: bob.password })).token);
    await bobClient.betting.topUp.mutate({ amountCents: 5_000 });
    await bobClient.betting.placeBet.mutate({ orderId, outcome: 'failed', amountCents: 2_500 });
    await pa.getByTestId('pool').getByText('37.50 CU').waitFor();
    expect(await pa.getByTestId('odds-completed').textContent()).toContain('3.00×');
    expect(await pa.getByTestId('odds-failed').textContent()).toContain('1.50×');
    await pa.getByTestId('odds-chart').waitFor();

    // A stake larger than the wallet shows the server's message.
    await form.getByLabel('Stake (CU)').fill('1000');
    await form.getByRole('button', { name: 'Place bet' }).click();
    expect(await form.getByRole('alert').textContent()).toMatch(/Not enough money/);
    expect(env.pageErrors).toEqual([]);
  });

  it('clients, workers and clerks see no trace of betting in the web app', async () => {
    await openOrder();
    for (const role of ['client', 'worker', 'clerk'] as const) {
      const who = await env.account(role);
      const page = await env.newPage();
      await signInThroughUi(page, who, 'web');
      await waitForConnected(page);
      await page.waitForTimeout(300);
      const text = (await page.locator('body').textContent()) ?? '';
      expect([role, /\b(bet|bets|betting|odds|tote|wallet|wager)\b/i.test(text)]).toEqual([role, false]);
      // and the tote is closed to them through the API too
      await page.goto('/betting');
      expect((await page.locator('body').textContent()) ?? '').not.toMatch(/\b(odds|tote)\b/i);
    }
    expect(env.pageErrors).toEqual([]);
  });

  it('the web app\'s bundle carries no betting code at all', () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist/assets');
    const js = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    expect(js.length).toBeGreaterThan(0);
    expect(js).not.toMatch(/placeBet|onOdds|betting\.|leaderboard/);
  });
});
