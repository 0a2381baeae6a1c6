// Every screen of the admin app, one entry each; the router and the header nav read this list.
// Add yours in your context's section (keeps merges clean); put the component in features/<context>/.
import type { Screen } from './screen.ts';
// accounts
import { HomePage } from './features/accounts/HomePage.tsx';
// orders
// betting
// hiring
// quality

const M = ['manager'] as const;

export const screens: Screen[] = [
  // ── accounts ──
  { path: '/', title: 'Accounts', roles: M, element: <HomePage /> },

  // ── orders ──

  // ── betting ──

  // ── hiring ──

  // ── quality ──
];
