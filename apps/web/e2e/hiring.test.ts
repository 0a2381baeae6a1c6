// Chromium applies on /apply (solving the real proof of work), takes its tests in the candidate portal,
// and a manager follows it in the admin app: pipeline, results, decision, cut-off chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughUi, startBrowserServer, type BrowserServer } from './support/browser.ts';

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('hiring in the browser', () => {
  it('apply → tests in the portal → the manager decides and sees the cut-off', async () => {
    // 1. The public application page.
    const page = await env.newPage();
    await page.goto('/apply');
    const form = page.getByRole('form', { name: 'Apply to become a worker' });
    await form.getByLabel('Name').fill('Browser Tom');
    await form.getByLabel('Age (years)').fill('4');
    await form.getByLabel('Breed').fill('British Shorthair');
    await form.getByLabel('Coat colour').fill('blue');
    await form.getByLabel('Contact (email or phone)').fill('browser.tom@cats.example');
    await form.getByLabel(/Photo/).setInputFiles({ name: 'tom.png', mimeType: 'image/png', buffer: PNG });
    await form.getByRole('button', { name: 'Send my application' }).click();
    await page.getByTestId('apply-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('apply-done').textContent()).toContain('Browser Tom');

    // 2. A manager finds it in the admin pipeline and assigns tests with parameters.
    const manager = await env.account('manager', 'Hiring Boss');
    const admin = await env.newPage();
    await signInThroughUi(admin, manager, 'admin');
    await admin.getByTestId('admin-home').waitFor();
    await admin.goto('/admin/hiring');
    await admin.getByTestId('hiring-pipeline').getByRole('link', { name: 'Browser Tom' }).click();
    await admin.getByTestId('hiring-candidate').waitFor();
    expect(await admin.getByTestId('candidate-status').textContent()).toBe('new');
    await admin.locator('input[name="kind-puzzle"]').check();
    await admin.locator('textarea[name="params-puzzle"]').fill(JSON.stringify({ timeLimitSeconds: 600, questions: [{ prompt: 'How many paws has a cat?', choices: ['three', 'four'], answer: 1 }] }));
    await admin.locator('input[name="kind-reflex"]').check();
    await admin.locator('textarea[name="params-reflex"]').fill(JSON.stringify({ rounds: 3, minDelayMs: 200, maxDelayMs: 400 }));
    await admin.getByRole('button', { name: 'Assign and make a link' }).click();
    const link = (await admin.getByTestId('portal-link').locator('code').textContent())!;
    const portalPath = new URL(link).pathname + new URL(link).search;

    // 3. The candidate portal.
    const portal = await env.newPage();
    await portal.goto(portalPath);
    await portal.getByTestId('candidate-portal').waitFor();
    expect(await portal.getByTestId('candidate-portal').textContent()).toContain('Hello, Browser Tom');
    await portal.getByTestId('test-puzzle').getByRole('button', { name: 'Start' }).click();
    await portal.getByLabel('four').check();
    await portal.getByRole('button', { name: 'Hand in my answers' }).click();
    await portal.getByTestId('test-puzzle').getByText('Done').waitFor();
    await portal.getByTestId('test-reflex').getByRole('button', { name: 'Start' }).click();
    await portal.getByRole('button', { name: 'Start' }).click();
    for (let round = 0; round < 3; round++) {
      await portal.locator('[data-testid="reflex-pad"][data-phase="go"]').waitFor();
      await portal.getByTestId('reflex-pad').click();
    }
    await portal.getByTestId('test-reflex').getByText('Done').waitFor();

    // 4. Back in the admin app: the results, the decision, the cut-off chart.
    await admin.reload();
    await admin.getByTestId('hiring-candidate').waitFor();
    await admin.getByTestId('result-puzzle').getByText(/1\/1 right/).waitFor();
    expect(await admin.getByAltText('Photo of Browser Tom').count()).toBe(1);
    await admin.getByRole('button', { name: 'Decide now' }).click();
    await admin.getByTestId('decision').getByText(/Accepted/).waitFor();
    await admin.getByRole('button', { name: 'Make a sign-in link' }).click();
    expect(await admin.getByTestId('worker-link').textContent()).toMatch(/\/login\/link\?token=/);
    await admin.goto('/admin/hiring/cutoff');
    await admin.getByTestId('cutoff-line').waitFor();
    expect(await admin.getByTestId('cutoff-summary').textContent()).toMatch(/1 scored candidate → 1 pass/);
    expect(env.pageErrors).toEqual([]);
  }, 90_000);
});
