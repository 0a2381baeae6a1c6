import { sql } from 'kysely';
import { mergeRouters, publicProcedure, router, type Db } from '@mcf/kernel';
import type { Contexts } from './contexts.ts';

function systemRouter(db: Db) {
  return router({
    health: publicProcedure.query(async () => {
      await sql`select 1`.execute(db);
      return { ok: true as const, db: 'up' as const };
    }),
  });
}

export function buildAppRouter(contexts: Contexts, db: Db) {
  return mergeRouters(
    router({
      system: systemRouter(db),
      accounts: contexts.accounts.router,
      orders: contexts.orders.router,
      supplies: contexts.supplies.router,
      quality: contexts.quality.router,
      betting: contexts.betting.router,
    }),
    // Namespaced inside (`hiring.apply`: `apply` may not be a top-level key of a router() call).
    contexts.hiring.router,
  );
}

export type AppRouter = ReturnType<typeof buildAppRouter>;
