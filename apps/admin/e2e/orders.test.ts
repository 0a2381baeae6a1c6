// Chromium, admin app: a manager manages service types, follows orders live, reads why a worker was
// chosen, and changes the matching pipeline (a new version).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughUi, startBrowserServer, waitForConnected, type BrowserServer } from '@mcf/web/e2e';

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

describe('admin: orders', () => {
  it('service types, the live order list, an order\'s history and explanation, the pipeline', async () => {
    const manager = await env.account('manager', 'Order Boss');
    const page = await env.newPage();
    page.on('dialog', (d) => void d.accept());
    await signInThroughUi(page, manager, 'admin');
    await page.getByTestId('admin-home').waitFor();
    await waitForConnected(page);

    // Service types: create one, edit it, create and retire another.
    await page.getByRole('link', { name: 'Service types' }).click();
    const form = page.getByRole('form', { name: 'New service type' });
    for (const name of ['Toss jars', 'Old chore']) {
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('Description').fill(`${name}, done well`);
      await form.getByRole('button', { name: 'Create' }).click();
      await page.getByTestId('service-types').getByText(name, { exact: true }).waitFor();
    }
    const old = page.locator('li', { hasText: 'Old chore' });
    await old.getByRole('button', { name: 'Retire' }).click();
    await old.getByText('retired').waitFor();

    // An order placed through the API shows up in the live list; its page explains the match.
    const w = await env.server.signedIn('worker', 'Chosen One');
    const c = await env.server.signedIn('client');
    const types = await c.client.orders.serviceTypes.list.query();
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByTestId('admin-orders').waitFor();
    const { id } = await c.client.orders.create.mutate({ serviceTypeId: types[0].id, description: 'Toss it', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), place: 'Shelf' });
    const row = page.locator('tr', { hasText: 'Toss jars' });
    await row.waitFor();
    await row.getByRole('link').click();
    await page.getByTestId('order-history').getByText('matched').waitFor();
    const why = page.getByTestId('match-explanation');
    await why.getByText('pipeline v1').waitFor();
    expect(await why.textContent()).toContain('reliability');
    expect(await why.textContent()).toContain(w.id.slice(0, 8));
    expect(id).toBeTruthy();

    // The pipeline: add a step through the editor; it becomes version 2.
    await page.getByRole('link', { name: 'Matching' }).click();
    const editor = page.getByLabel('Configuration');
    await page.getByTestId('matching-pipeline').getByText('v1').first().waitFor();
    const config = JSON.parse(await editor.inputValue());
    config.steps.push({ name: 'agile-first', kind: 'trait', weight: 4, params: { trait: 'agility' } });
    await editor.fill(JSON.stringify(config, null, 2));
    await page.getByLabel('What changed').fill('agility matters');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    expect((await env.server.client(await env.server.managerToken()).orders.admin.pipeline.get.query()).config.steps.at(-1)?.name).toBe('agile-first');
    // A broken configuration is refused with the server's message.
    await editor.fill('{ "steps": [ { "name": "x", "kind": "astrology" } ] }');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/astrology/);
    expect(env.pageErrors).toEqual([]);
  });
});
