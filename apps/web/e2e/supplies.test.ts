// Chromium: a clerk watches the live supply queue, a new request appears, the clerk presses "Issued"
// (first too early: the reason shows), and the worker's page follows live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughUi, startBrowserServer, waitForConnected, type BrowserServer } from './support/browser.ts';

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A client books a chore through the real orders API; matching assigns the only worker there is. */
async function bookMatchedOrder(env: BrowserServer, client: { email: string; password: string }, workerId: string) {
  const s = env.server;
  const manager = s.client(await s.managerToken());
  const { id: serviceTypeId } = await manager.orders.serviceTypes.create.mutate({ name: `Jar tossing ${Date.now()}`, description: 'Jars off shelves' });
  await until('the worker in the matching roster', async () => s.app.db.withSchema('orders').selectFrom('worker').select('id').where('id', '=', workerId).executeTakeFirst());
  const { token } = await s.anon.accounts.login.mutate({ email: client.email, password: client.password });
  const c = s.client(token);
  const order = await c.orders.create.mutate({ serviceTypeId, description: 'Toss the jam jar', scheduledAt: new Date(Date.now() + 3 * 3600_000).toISOString(), place: 'Kitchen, top shelf' });
  expect(order.status).toBe('matched');
  return { orderId: order.id, client: c };
}

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

describe('supplies in the web app', () => {
  it('a clerk sees a new request appear and presses "Issued"; the worker’s page updates', async () => {
    const clerk = await env.account('clerk', 'Lulu Box');
    const worker = await env.account('worker', 'Garfield');
    const client = await env.account('client', 'Biscuit');

    const clerkPage = await env.newPage();
    await signInThroughUi(clerkPage, clerk);
    await clerkPage.getByTestId('home-clerk').waitFor();
    await waitForConnected(clerkPage);

    const workerPage = await env.newPage();
    await signInThroughUi(workerPage, worker);
    await workerPage.getByTestId('home-worker').waitFor();
    // A second tab on the worker's task feed ("My tasks"), which shows each task's supply status.
    const tasksPage = await workerPage.context().newPage();
    await tasksPage.goto('/');
    await tasksPage.getByTestId('home-worker').waitFor();
    await waitForConnected(tasksPage);
    await workerPage.getByRole('link', { name: 'My supplies' }).click();
    await workerPage.getByTestId('worker-supplies').waitFor();
    await waitForConnected(workerPage);

    const { orderId, client: clientApi } = await bookMatchedOrder(env, client, worker.id);
    expect((await clientApi.orders.get.query({ id: orderId })).workerId).toBe(worker.id);

    const card = clerkPage.locator(`[data-testid="supply-queue"] [data-testid="supply-request"][data-order-id="${orderId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Garfield');
    expect(await card.getByTestId('supply-cookie').textContent()).toMatch(/cookie/i);

    // Too early: the cookie is still on its way; the server's reason appears on the card.
    await card.getByRole('button', { name: 'Issued' }).click();
    const alert = card.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/fortune cookie/i);

    // The warehouse records the cookie, then the set is issued.
    await card.getByRole('button', { name: 'Cookie arrived' }).click();
    await clerkPage.locator(`[data-testid="supply-request"][data-order-id="${orderId}"][data-cookie="arrived"]`).waitFor();
    const workerLine = workerPage.locator(`[data-testid="worker-supply"][data-order-id="${orderId}"]`);
    await workerLine.waitFor();
    expect(await workerLine.getAttribute('data-state')).toBe('open');
    await card.getByRole('button', { name: 'Issued' }).click();
    await card.waitFor({ state: 'detached' });

    await workerPage.locator(`[data-testid="worker-supply"][data-order-id="${orderId}"][data-state="issued"]`).waitFor();
    expect(await workerLine.getByTestId('worker-supply-status').textContent()).toMatch(/issued/i);
    await tasksPage.locator(`[data-testid="task-${orderId}"] [data-testid="worker-supply"][data-state="issued"]`).waitFor();
    // Orders reacted to supplies.issued: the order is now "supplied".
    await until('the order supplied', async () => (await clientApi.orders.get.query({ id: orderId })).status === 'supplied');
    expect(env.pageErrors).toEqual([]);
  });
});
