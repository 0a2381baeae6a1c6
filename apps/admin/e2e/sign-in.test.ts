// Chromium signs in to the admin app: managers get in (and can create accounts), others are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughUi, startBrowserServer, waitForConnected, type BrowserServer } from '@mcf/web/e2e';

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

describe('admin app sign-in', () => {
  it('a manager signs in, sees the signed-in view, creates an account and sees new ones live', async () => {
    const manager = await env.account('manager', 'Boss Cat');
    const page = await env.newPage();
    await signInThroughUi(page, manager, 'admin');
    const home = page.getByTestId('admin-home');
    await home.waitFor();
    expect(await home.textContent()).toContain(manager.email);
    await waitForConnected(page);

    const form = page.getByRole('form', { name: 'Create an account' });
    await form.getByLabel('Role').selectOption('worker');
    await form.getByLabel('Name').fill('New Worker');
    await form.getByLabel('Email').fill('new.worker@e2e.mcf');
    await form.getByLabel('Password').fill('worker-pass-1');
    await form.getByRole('button', { name: 'Create account' }).click();
    await page.getByTestId('created-account').getByText('New Worker').waitFor();
    // The live list (accounts.onAccounts) shows it too, and then an account another manager creates.
    await page.getByTestId('new-accounts').getByText('New Worker').waitFor();
    await env.account('clerk', 'Live Clerk');
    await page.getByTestId('new-accounts').getByText('Live Clerk').waitFor();
    // The new account really exists: it can sign in.
    const login = await env.server.anon.accounts.login.mutate({ email: 'new.worker@e2e.mcf', password: 'worker-pass-1' });
    expect(login.account.role).toBe('worker');

    // A duplicate email shows the server's message.
    await form.getByLabel('Name').fill('Again');
    await form.getByLabel('Email').fill('new.worker@e2e.mcf');
    await form.getByLabel('Password').fill('worker-pass-1');
    await form.getByRole('button', { name: 'Create account' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/already exists/);
    expect(env.pageErrors).toEqual([]);
  });

  it('a client is refused with a clear message and signed out', async () => {
    const client = await env.account('client', 'Curious Client');
    const page = await env.newPage();
    await signInThroughUi(page, client, 'admin');
    const refused = page.getByTestId('refused');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/managers only/);
    expect(await page.getByRole('form', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('mcf.admin.token'))).toBeNull();
    expect(await page.getByTestId('admin-home').count()).toBe(0);
    expect(env.pageErrors).toEqual([]);
  });
});
