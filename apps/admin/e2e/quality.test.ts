// Chromium: a manager opens the review queue, draws a completed order, submits a review, and the
// statistics page reflects it. The orders are real: created, canceled and completed through orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughUi, startBrowserServer, waitForConnected, type BrowserServer } from '@mcf/web/e2e';
import { issueSupplies, jpegPhoto, serviceType, worker } from '../../server/test/orders/support.ts';
import { waitFor } from '../../server/test/quality/support.ts';

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

describe('quality review in the admin app', () => {
  it('queue → review form → statistics, and a random draw', async () => {
    const s = env.server;
    const typeId = await serviceType(s, 'Toss jars');
    const w = await worker(s, 'Garfield');
    const c = await s.signedIn('client', 'Biscuit');
    // One order the client cancels, one the worker completes.
    const canceled = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss the blue jar', scheduledAt: new Date(Date.now() + 86_400_000).toISOString(), place: 'Kitchen' });
    await c.client.orders.cancel.mutate({ orderId: canceled.id, reason: 'changed my mind' });
    const done = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Toss the green jar', scheduledAt: new Date(Date.now() + 1500).toISOString(), place: 'Garden' });
    await issueSupplies(s, done.id, w.id);
    await w.client.orders.checkIn.mutate({ orderId: done.id, photo: jpegPhoto() });
    await w.client.orders.complete.mutate({ orderId: done.id, reportPhoto: jpegPhoto() });
    const m = s.client(await s.managerToken());
    await waitFor('both orders in quality', async () => (await m.quality.stats.query()).totals.ended === 2);

    const manager = await env.account('manager', 'Boss Cat');
    const page = await env.newPage();
    await signInThroughUi(page, manager, 'admin');
    await page.getByTestId('admin-home').waitFor();
    await waitForConnected(page);

    // Statistics before: 2 ended, 50% canceled, no reviews submitted, no hypotheses yet.
    await page.getByRole('link', { name: 'Quality stats' }).click();
    await page.getByTestId('total-ended').waitFor();
    expect(await page.getByTestId('total-ended').textContent()).toBe('2');
    expect(await page.getByTestId('total-cancel').textContent()).toBe('50.0%');
    expect(await page.getByTestId('total-reviews').textContent()).toMatch(/0 submitted, 1 open/);
    expect(await page.getByTestId('chart-hypotheses').count()).toBe(0);

    // The canceled order is in the queue by itself; open its review.
    await page.getByRole('link', { name: 'Review queue' }).click();
    const item = page.locator(`[data-testid="queue-item"][data-order-id="${canceled.id}"]`);
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Canceled.*Toss jars.*Garfield/);
    await item.getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByTestId('review-page').waitFor();
    expect(await page.getByTestId('review-worker').textContent()).toContain('Garfield');
    expect(await page.getByTestId('review-client').textContent()).toContain('Biscuit');
    await page.getByTestId('review-timeline').getByText('matched → canceled').waitFor();

    const form = page.getByRole('form', { name: 'Review form' });
    await form.getByLabel('What happened').fill('The client changed plans the evening before.');
    await form.getByLabel('Verdict').selectOption('client_fault');
    await form.getByRole('checkbox', { name: 'Client changed plans' }).check();
    await form.getByLabel('New hypotheses (one per line)').fill('Confirm bookings with the client a day ahead');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await page.getByTestId('review-submitted').waitFor();

    // The queue is empty now; draw the completed order at random.
    await page.getByRole('link', { name: '← Review queue' }).click();
    await page.getByTestId('queue-empty').waitFor();
    const draw = page.getByRole('form', { name: 'Draw a completed order' });
    await draw.getByLabel('Service type').selectOption({ label: 'Toss jars' });
    await draw.getByRole('button', { name: 'Draw an order' }).click();
    await page.getByTestId('review-page').waitFor();
    expect(await page.getByTestId('order-facts').textContent()).toContain(done.id);
    await page.getByRole('img', { name: 'Signed report' }).waitFor();

    // Statistics after: one submitted review, the hypothesis charted with one supporting review.
    await page.getByRole('link', { name: 'Quality stats' }).click();
    await page.getByTestId('chart-hypotheses').waitFor();
    expect(await page.getByTestId('total-reviews').textContent()).toMatch(/1 submitted, 1 open/);
    expect(await page.getByTestId('chart-hypotheses').textContent()).toContain('Confirm bookings with the client a day ahead');
    expect(await page.getByTestId('chart-weeks').locator('circle').count()).toBeGreaterThan(0);

    // The CSV download carries the figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-rates').click()]);
    expect(download.suggestedFilename()).toMatch(/^quality-rates-.*\.csv$/);

    // All hypotheses, and the causes list a manager keeps.
    await page.getByRole('link', { name: '(all)' }).click();
    await page.getByTestId('hypotheses').getByText('Confirm bookings with the client a day ahead').waitFor();
    await page.goto('/admin/quality/causes');
    const add = page.getByRole('form', { name: 'Add a cause' });
    await add.getByLabel('New cause').fill('Jar was glued down');
    await add.getByRole('button', { name: 'Add cause' }).click();
    await page.getByTestId('causes').getByText('Jar was glued down').waitFor();
    expect(await page.getByTestId('causes').textContent()).toMatch(/Client changed plans1 reviews/);
    await page.goto('/admin/quality');
    await page.getByTestId('recent-reviews').getByText('Canceled · Toss jars').waitFor();
    expect(env.pageErrors).toEqual([]);
  });
});
