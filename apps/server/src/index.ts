// What other packages (the web and admin apps, tests, benchmarks) may use of the server.
export type { AppRouter } from './router.ts';
export { startApp, type App, type StartOptions } from './app.ts';
export { contextMigrations } from './contexts.ts';
