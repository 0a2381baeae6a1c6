// Chromium: a manager opens the review queue, submits a review, and the statistics page reflects it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughUi, startBrowserServer, waitForConnected, type BrowserServer } from '@mcf/web/e2e';
import { feed, lifecycle } from '../../server/test/quality/support.ts';

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

describe('quality review in the admin app', () => {
  it('queue → review form → statistics', async () => {
    const worker = await env.account('worker', 'Garfield');
    const client = await env.account('client', 'Biscuit');
    // A completed and a failed (no-show) order of one worker, as orders would publish them.
    const done = lifecycle('completed', { workerId: worker.id, clientId: client.id });
    const failed = lifecycle('failed', { workerId: worker.id, clientId: client.id, noShow: true, reason: 'no_show' });
    await feed(env.server, [...done, ...failed]);
    const orderId = failed[0].orderId;

    const manager = await env.account('manager', 'Boss Cat');
    const page = await env.newPage();
    await signInThroughUi(page, manager, 'admin');
    await page.getByTestId('admin-home').waitFor();
    await waitForConnected(page);
    await page.goto('/admin/quality');
    const item = page.locator(`[data-testid="queue-item"][data-order-id="${orderId}"]`);
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Failed.*no-show/);

    // Statistics before: 2 ended, 50% failure, 0 submitted reviews.
    await page.goto('/admin/quality/stats');
    await page.getByTestId('total-ended').waitFor();
    expect(await page.getByTestId('total-failure').textContent()).toBe('50.0%');
    expect(await page.getByTestId('total-reviews').textContent()).toMatch(/0 submitted/);
    expect(await page.getByTestId('chart-hypotheses').count()).toBe(0);

    // Open the review from the queue.
    await page.goto('/admin/quality');
    await item.getByRole('link', { name: 'Review' }).click();
    await page.getByTestId('review-page').waitFor();
    expect(await page.getByTestId('review-worker').textContent()).toContain('Garfield');
    expect(await page.getByTestId('review-client').textContent()).toContain('Biscuit');
    await page.getByTestId('review-timeline').getByText('failed').waitFor();

    const form = page.getByRole('form', { name: 'Review form' });
    await form.getByLabel('What happened').fill('Garfield overslept and never came.');
    await form.getByLabel('Verdict').selectOption('worker_fault');
    await form.getByLabel('Worker did not show up').check();
    await form.getByLabel('New hypotheses (one per line)').fill('Text workers a reminder an hour before');
    await form.getByRole('button', { name: 'Submit review' }).click();
    await page.getByTestId('review-submitted').waitFor();

    // The queue no longer lists it; the statistics count it and chart the hypothesis.
    await page.goto('/admin/quality');
    await page.getByTestId('queue-empty').waitFor();
    await page.goto('/admin/quality/stats');
    await page.getByTestId('chart-hypotheses').waitFor();
    expect(await page.getByTestId('total-reviews').textContent()).toMatch(/1 submitted/);
    expect(await page.getByTestId('chart-hypotheses').textContent()).toContain('Text workers a reminder an hour before');
    expect(await page.getByTestId('chart-weeks').locator('circle').count()).toBeGreaterThan(0);

    // The CSV download carries the figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-rates').click()]);
    expect(download.suggestedFilename()).toMatch(/^quality-rates-.*\.csv$/);
    expect(env.pageErrors).toEqual([]);
  });
});
