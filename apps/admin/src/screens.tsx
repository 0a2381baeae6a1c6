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
import { ToteHome } from './features/betting/ToteHome.tsx';
import { OrderOdds } from './features/betting/OrderOdds.tsx';
// hiring
import { PipelinePage } from './features/hiring/PipelinePage.tsx';
import { CutoffPage } from './features/hiring/CutoffPage.tsx';
import { CandidatePage } from './features/hiring/CandidatePage.tsx';
// quality
import { QueuePage } from './features/quality/QueuePage.tsx';
import { ReviewPage } from './features/quality/ReviewPage.tsx';
import { StatsPage } from './features/quality/StatsPage.tsx';
import { CausesPage } from './features/quality/CausesPage.tsx';

const M = ['manager'] as const;

export const screens: Screen[] = [
  // ── accounts ──
  { path: '/', title: 'Accounts', roles: M, element: <HomePage /> },
  { path: '/testers', title: 'Testers', roles: M, element: <TestersPage /> },
  { path: '/billing', title: 'Billing', roles: M, element: <BillingPage /> },
  { path: '/statement/:id', title: 'Statement', roles: M, element: <StatementPage /> },

  // ── orders ──

  // ── betting ──
  { path: '/betting', title: 'Tote', roles: M, element: <ToteHome /> },
  { path: '/betting/orders/:id', title: 'Odds', roles: M, element: <OrderOdds /> },

  // ── hiring ──
  { path: '/hiring', title: 'Hiring', roles: M, element: <PipelinePage /> },
  { path: '/hiring/cutoff', title: 'Cut-off', roles: M, element: <CutoffPage /> },
  { path: '/hiring/:id', title: 'Candidate', roles: M, element: <CandidatePage /> },

  // ── quality ──
  { path: '/quality', title: 'Review queue', roles: M, element: <QueuePage /> },
  { path: '/quality/reviews/:id', title: 'Review', roles: M, element: <ReviewPage /> },
  { path: '/quality/stats', title: 'Quality stats', roles: M, element: <StatsPage /> },
  { path: '/quality/causes', title: 'Review causes', roles: M, element: <CausesPage />, nav: false },
];
