// Every screen of the admin app, one entry each; the router and the header nav read this list.
// Add yours in your context's section (keeps merges clean); put the component in features/<context>/.
import type { Screen } from './screen.ts';
// accounts
import { HomePage } from './features/accounts/HomePage.tsx';
// orders
import { OrdersPage } from './features/orders/OrdersPage.tsx';
import { OrderDetailPage } from './features/orders/OrderDetailPage.tsx';
import { ServiceTypesPage } from './features/orders/ServiceTypesPage.tsx';
import { PipelinePage } from './features/orders/PipelinePage.tsx';
// betting
// hiring
// quality

const M = ['manager'] as const;

export const screens: Screen[] = [
  // ── accounts ──
  { path: '/', title: 'Accounts', roles: M, element: <HomePage /> },

  // ── orders ──
  { path: '/orders', title: 'Orders', roles: M, element: <OrdersPage /> },
  { path: '/orders/:id', title: 'Order', roles: M, element: <OrderDetailPage /> },
  { path: '/service-types', title: 'Service types', roles: M, element: <ServiceTypesPage /> },
  { path: '/pipeline', title: 'Matching', roles: M, element: <PipelinePage /> },

  // ── betting ──

  // ── hiring ──

  // ── quality ──
];
