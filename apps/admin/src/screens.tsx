// Every screen of the admin app, one entry each; the router and the header nav read this list.
// Add yours in your context's section (keeps merges clean); put the component in features/<context>/.
import type { Screen } from './screen.ts';
// accounts
import { HomePage } from './features/accounts/HomePage.tsx';
import { BillingPage } from './features/accounts/BillingPage.tsx';
import { StatementPage } from './features/accounts/StatementPage.tsx';
import { TestersPage } from './features/accounts/TestersPage.tsx';
// orders
// betting
// hiring
// quality

const M = ['manager'] as const;

export const screens: Screen[] = [
  // ── accounts ──
  { path: '/', title: 'Accounts', roles: M, element: <HomePage /> },
  { path: '/testers', title: 'Testers', roles: M, element: <TestersPage /> },
  { path: '/billing', title: 'Billing', roles: M, element: <BillingPage /> },
  { path: '/statement/:id', title: 'Statement', roles: M, element: <StatementPage /> },

  // ── orders ──

  // ── betting ──

  // ── hiring ──

  // ── quality ──
];
