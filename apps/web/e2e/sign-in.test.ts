// Chromium signs in to the web app through the form and lands on its role's home, live-connected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughUi, startBrowserServer, waitForConnected, type BrowserServer } from './support/browser.ts';

let env: BrowserServer;
beforeAll(async () => {
  env = await startBrowserServer();
});
afterAll(async () => {
  await env?.stop();
});

describe('web app sign-in', () => {
  it('a client signs in and sees "My orders", connected', async () => {
    const client = await env.account('client', 'Mittens');
    const page = await env.newPage();
    await signInThroughUi(page, client);
    await page.getByTestId('home-client').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My orders');
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Mittens');
    await waitForConnected(page);
    // The session survives a reload (token in localStorage) and lands on the same home.
    await page.reload();
    await page.getByTestId('home-client').waitFor();
    expect(env.pageErrors).toEqual([]);
  });

  it('a worker signs in and sees "My tasks", connected', async () => {
    const worker = await env.account('worker', 'Whiskers');
    const page = await env.newPage();
    await signInThroughUi(page, worker);
    await page.getByTestId('home-worker').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My tasks');
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('worker');
    await waitForConnected(page);
    expect(env.pageErrors).toEqual([]);
  });

  it('a wrong password shows the server\'s message and keeps the form', async () => {
    const client = await env.account('client');
    const page = await env.newPage();
    await signInThroughUi(page, { email: client.email, password: 'not-the-password' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/wrong email or password/i);
    expect(await page.getByRole('form', { name: 'Sign in' }).isVisible()).toBe(true);
  });

  it('signing out returns to the sign-in form and forgets the token', async () => {
    const clerk = await env.account('clerk');
    const page = await env.newPage();
    await signInThroughUi(page, clerk);
    await page.getByTestId('home-clerk').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('mcf.web.token'))).toBeNull();
  });

  it('a sign-in link without a token explains what is wrong', async () => {
    const page = await env.newPage();
    await page.goto('/login/link');
    expect(await page.getByText('This link has no sign-in token').isVisible()).toBe(true);
  });

  it('a sign-in link the server does not accept shows its message', async () => {
    const page = await env.newPage();
    await page.goto('/login/link?token=not-a-real-token');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('link', { name: 'Sign in with email and password' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('mcf.web.token'))).toBeNull();
  });

  it('a page that needs an account shows the sign-in form in place, then the page', async () => {
    const worker = await env.account('worker');
    const page = await env.newPage();
    await page.goto('/');
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(worker.email);
    await form.getByLabel('Password').fill(worker.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('home-worker').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  // Last: it stops the server.
  it('the header shows "offline" when the server goes away', async () => {
    const worker = await env.account('worker');
    const page = await env.newPage();
    await signInThroughUi(page, worker);
    await waitForConnected(page);
    await env.server.stop();
    await page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
  });
});
