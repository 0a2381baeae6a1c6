// The web app's typed tRPC client. Only the router's *type* comes from the server package.
import type { AppRouter } from '@mcf/server';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createApi, createRouter } from '@mcf/ui';

export const api = createApi<AppRouter>({ storageKey: 'mcf.web.token' });
/** The current client; re-renders when the token changes. */
export const useTrpc = api.useClient;
export const useConnection = api.useConnection;

export const router = createRouter(import.meta.env.BASE_URL);
export const { Link, navigate, usePath, useSearch } = router;

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type Me = RouterOutputs['accounts']['me'];
export type Role = Me['role'];
