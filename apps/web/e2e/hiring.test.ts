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

    // 2. A manager assigns tests (through the API here; the admin screen is exercised below).
    const m = env.server.client(await env.server.managerToken());
    const app = (await m.hiring.applications.query({})).applications.find((a) => a.name === 'Browser Tom')!;
    expect(app).toMatchObject({ status: 'new', hasPhoto: true });
    const { portalPath } = await m.hiring.assignTests.mutate({
      applicationId: app.id,
      tests: [
        { kind: 'puzzle', params: { timeLimitSeconds: 600, questions: [{ prompt: 'How many paws has a cat?', choices: ['three', 'four'], answer: 1 }] } },
        { kind: 'reflex', params: { rounds: 3, minDelayMs: 200, maxDelayMs: 400 } },
      ],
    });

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

    // 4. The admin app: pipeline, the candidate's results, the decision, the cut-off chart.
    const manager = await env.account('manager', 'Hiring Boss');
    const admin = await env.newPage();
    await signInThroughUi(admin, manager, 'admin');
    await admin.getByTestId('admin-home').waitFor();
    await admin.goto('/admin/hiring');
    await admin.getByTestId('hiring-pipeline').getByRole('link', { name: 'Browser Tom' }).click();
    await admin.getByTestId('hiring-candidate').waitFor();
    await admin.getByTestId('result-puzzle').getByText(/1\/1 right/).waitFor();
    expect(await admin.getByAltText('Photo of Browser Tom').count()).toBe(1);
    await admin.getByRole('button', { name: 'Decide now' }).click();
    await admin.getByTestId('decision').getByText(/Accepted/).waitFor();
    await admin.goto('/admin/hiring/cutoff');
    await admin.getByTestId('cutoff-line').waitFor();
    expect(await admin.getByTestId('cutoff-summary').textContent()).toMatch(/1 scored candidate → 1 pass/);
    expect(env.pageErrors).toEqual([]);
  }, 90_000);
});
