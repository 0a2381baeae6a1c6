// Chromium: a client requests help and watches the order become matched live; a worker sees a new
// task appear in its feed live, and checks in with a photo once supplies are issued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newId } from '@mcf/kernel';
import { signInThroughUi, startBrowserServer, waitForConnected, type BrowserServer } from './support/browser.ts';

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256, 7)]);

/** `datetime-local` value in this machine's zone (the browser runs here too). */
function localInput(d: Date) {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

async function requestHelp(page: Page, what: { description: string; place: string; at: Date }) {
  await page.getByTestId('request-help').click();
  const form = page.getByRole('form', { name: 'Request help' });
  await form.waitFor();
  await form.getByLabel('What do you need?').fill(what.description);
  await form.getByLabel('When').fill(localInput(what.at));
  await form.getByLabel('Where').fill(what.place);
  await page.getByTestId('quote').filter({ hasText: '100.00 CU' }).waitFor();
  await form.getByRole('button', { name: 'Send request' }).click();
  await page.getByTestId('order-page').waitFor();
  return page.url().split('/orders/')[1];
}

async function issueSupplies(orderId: string, workerId: string) {
  const app = env.server.app;
  await app.db.transaction().execute((trx) =>
    app.platform.events.publish(trx, 'supplies', [
      { type: 'supplies.issued', channels: [`worker:${workerId}`, `order:${orderId}`], payload: { requestId: newId(), orderId, workerId, cookie: 'arrived', state: 'issued' } },
    ]),
  );
}

describe('orders in the browser', () => {
  it('request help → matched live; the task appears in the worker feed live; check-in with a photo', async () => {
    const m = env.server.client(await env.server.managerToken());
    await m.orders.serviceTypes.create.mutate({ name: 'Toss jars', description: 'Jars tossed with care' });

    // The client books while no worker exists yet: the order waits, "Looking for a worker".
    const client = await env.account('client', 'Mochi');
    const cp = await env.newPage();
    await signInThroughUi(cp, client);
    await cp.getByTestId('home-client').waitFor();
    await waitForConnected(cp);
    const first = await requestHelp(cp, { description: 'Toss the jar off the shelf', place: 'Kitchen', at: new Date(Date.now() + 10 * 60_000) });
    await cp.locator('[data-testid="order-status"][data-status="created"]').waitFor();

    // A worker joins; the waiting order is matched, and the client's page shows it live.
    const worker = await env.account('worker', 'Garfield');
    await cp.locator('[data-testid="order-status"][data-status="matched"]').waitFor();
    expect(await cp.getByTestId('order-price').textContent()).toContain('100.00 CU');

    // The worker opens its feed; a second order placed now appears there live.
    const wp = await env.newPage();
    await signInThroughUi(wp, worker);
    await wp.getByTestId('home-worker').waitFor();
    await waitForConnected(wp);
    await wp.getByTestId(`task-${first}`).waitFor();
    await cp.goto('/');
    await cp.getByTestId('home-client').waitFor();
    const second = await requestHelp(cp, { description: 'Poke the sleeping dog', place: 'Garden', at: new Date(Date.now() + 15 * 60_000) });
    const card = wp.getByTestId(`task-${second}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Poke the sleeping dog');

    // Supplies are issued (the clerk's part, played here); the worker checks in with a photo.
    await issueSupplies(second, worker.id);
    await card.locator('[data-testid="task-status"][data-status="supplied"]').waitFor();
    await card.getByLabel('Check-in photo').setInputFiles({ name: 'here.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await card.getByRole('button', { name: 'Check in' }).click();
    await card.locator('[data-testid="task-status"][data-status="started"]').waitFor();
    // The client's order page follows along live.
    await cp.locator('[data-testid="order-status"][data-status="started"]').waitFor();
    expect(env.pageErrors).toEqual([]);
  });
});
