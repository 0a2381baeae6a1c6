// Every screen of the admin app, one entry each; the router and the header nav read this list.
// Add yours in your context's section (keeps merges clean); put the component in features/<context>/.
import type { Screen } from './screen.ts';
// accounts
import { HomePage } from './features/accounts/HomePage.tsx';
import { BillingPage } from './features/accounts/BillingPage.tsx';
import { StatementPage } from './features/accounts/StatementPage.tsx';
import { TestersPage } from './features/accounts/TestersPage.tsx';
// orders
import { OrdersPage } from './features/orders/OrdersPage.tsx';
import { OrderDetailPage } from './features/orders/OrderDetailPage.tsx';
import { ServiceTypesPage } from './features/orders/ServiceTypesPage.tsx';
import { MatchingPipelinePage } from './features/orders/MatchingPipelinePage.tsx';
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
import { HypothesesPage } from './features/quality/HypothesesPage.tsx';

const M = ['manager'] as const;

export const screens: Screen[] = [
  // ── accounts ──
  { path: '/', title: 'Accounts', roles: M, element: <HomePage /> },
  { path: '/testers', title: 'Testers', roles: M, element: <TestersPage /> },
  { path: '/billing', title: 'Billing', roles: M, element: <BillingPage /> },
  { path: '/statement/:id', title: 'Statement', roles: M, element: <StatementPage /> },

  // ── orders ──
  { path: '/orders', title: 'Orders', roles: M, element: <OrdersPage /> },
  { path: '/orders/:id', title: 'Order', roles: M, element: <OrderDetailPage /> },
  { path: '/service-types', title: 'Service types', roles: M, element: <ServiceTypesPage /> },
  { path: '/matching', title: 'Matching', roles: M, element: <MatchingPipelinePage /> },

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
  { path: '/quality/hypotheses', title: 'Hypotheses', roles: M, element: <HypothesesPage />, nav: false },
];
