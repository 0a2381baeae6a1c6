// Shared by the web and admin apps: the tRPC client factory, a tiny router, errors, shell components.
// Generic over the router type, so this package never depends on the server.
export { createApi, type Api, type ConnectionStatus } from './api.ts';
export { useLoad, useLive } from './hooks.ts';
export { createRouter, matchPath } from './router.ts';
export { errorMessage, errorCode } from './errors.ts';
export { createSession, type Session, type SessionAccount } from './session.tsx';
export { ConnectionBadge, ErrorNote, Shell, SignInForm, useSubmit, type ShellProps } from './components.tsx';
