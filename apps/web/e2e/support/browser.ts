// Browser-test harness: Debian's chromium driven by playwright-core, a real test server serving the
// built web and admin apps, and sign-in through the UI.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@mcf/server/testing';
import { buildApps } from '../../../../scripts/build-apps.ts';
import type { Role } from '@mcf/kernel';

const appsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHROMIUM = '/usr/bin/chromium';

/** Headless Debian chromium (never a downloaded browser build). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (node scripts/mcf.mjs e2e does it as root)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export interface BrowserServer {
  server: TestServer;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  url: string;
  /** A page in a fresh browser context (own localStorage), failing the test on uncaught page errors. */
  newPage(): Promise<Page>;
  /** Uncaught errors thrown in any page so far; tests assert it stays empty. */
  pageErrors: string[];
  /** Creates an account and returns what a person would type to sign in. */
  account(role: Role, name?: string): Promise<{ id: string; email: string; password: string; name: string }>;
  stop(): Promise<void>;
}

let seq = 0;

/** A real server on a fresh database serving apps/web/dist at / and apps/admin/dist at /admin/. */
export async function startBrowserServer(): Promise<BrowserServer> {
  buildApps(); // a no-op when the global setup already built them
  const server = await startTestServer({ staticRoot: appsDir });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    server,
    browser,
    url: server.url,
    pageErrors,
    async newPage() {
      const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 1200, height: 800 } });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    },
    async account(role, name) {
      const n = name ?? `${role[0].toUpperCase()}${role.slice(1)} ${++seq}`;
      const email = `${role}.${seq}.${Date.now()}@e2e.mcf`;
      const password = 'e2e-password-1';
      const id = await server.app.contexts.accounts.facade.createAccount({ role, email, name: n, password });
      return { id, email, password, name: n };
    },
    async stop() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}

/** Opens the app's sign-in page (`/` or `/admin/`) and signs in with the form, as a person would. */
export async function signInThroughUi(page: Page, who: { email: string; password: string }, app: 'web' | 'admin' = 'web') {
  await page.goto(app === 'admin' ? '/admin/' : '/login');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(who.email);
  await form.getByLabel('Password').fill(who.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the header shows the live connection as connected. */
export async function waitForConnected(page: Page) {
  await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor();
}
