// `pnpm start [--demo]`: build the web and admin apps when their sources changed, then run the server.
import { buildApps } from './build-apps.ts';

try {
  buildApps({ log: console.log });
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

const { main } = await import('../apps/server/src/main.ts');
await main(process.argv.slice(2));
