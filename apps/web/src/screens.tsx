// Every screen of the web app, one entry each. The router and the header nav read this list: the
// first entry whose path matches and whose roles include the signed-in role is shown, so several
// roles can each have their own screen at '/'. Add yours in your context's section (keeps merges
// clean); put the component in features/<context>/.
import type { Screen } from './screen.ts';
// accounts
import { SignInPage } from './features/accounts/SignInPage.tsx';
import { LoginLinkPage } from './features/accounts/LoginLinkPage.tsx';
import { ManagerHome } from './features/accounts/ManagerHome.tsx';
import { ClientBillingPage } from './features/accounts/ClientBillingPage.tsx';
import { WorkerEarningsPage } from './features/accounts/WorkerEarningsPage.tsx';
// orders
import { ClientHome } from './features/orders/ClientHome.tsx';
import { WorkerHome } from './features/orders/WorkerHome.tsx';
import { RequestHelpPage } from './features/orders/RequestHelpPage.tsx';
import { OrderPage } from './features/orders/OrderPage.tsx';
// supplies
import { ClerkHome } from './features/supplies/ClerkHome.tsx';
import { MySupplies } from './features/supplies/WorkerSupplies.tsx';
// betting
// hiring
import { ApplyPage } from './features/hiring/ApplyPage.tsx';
import { CandidatePortal } from './features/hiring/CandidatePortal.tsx';
// quality

export const screens: Screen[] = [
  // ── accounts ──
  { path: '/login', title: 'Sign in', roles: 'public', element: <SignInPage /> },
  { path: '/login/link', title: 'Sign in with a link', roles: 'public', element: <LoginLinkPage /> },
  { path: '/', title: 'Home', roles: ['manager'], element: <ManagerHome /> },
  { path: '/billing', title: 'Billing', roles: ['client'], element: <ClientBillingPage /> },
  { path: '/earnings', title: 'Earnings', roles: ['worker'], element: <WorkerEarningsPage /> },

  // ── orders ──
  { path: '/', title: 'My orders', roles: ['client'], element: <ClientHome /> },
  { path: '/', title: 'My tasks', roles: ['worker'], element: <WorkerHome /> },
  { path: '/orders/new', title: 'Request help', roles: ['client'], element: <RequestHelpPage /> },
  { path: '/orders/:id', title: 'Order', roles: ['client', 'worker'], element: <OrderPage /> },

  // ── supplies ──
  { path: '/', title: 'Supply queue', roles: ['clerk'], element: <ClerkHome /> },
  { path: '/supplies', title: 'My supplies', roles: ['worker'], element: <MySupplies /> },

  // ── betting ──

  // ── hiring ──
  { path: '/apply', title: 'Apply', roles: 'public', element: <ApplyPage /> },
  { path: '/candidate', title: 'Your tests', roles: 'public', element: <CandidatePortal /> },

  // ── quality ──
];
