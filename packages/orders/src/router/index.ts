// The orders router: thin procedures grouped by who calls them (docs/api.md names are fixed).
import { router } from '@mcf/kernel';
import type { OrdersDeps } from '../service/context.ts';
import { serviceTypesRouter } from './serviceTypes.ts';
import { clientProcedures } from './client.ts';
import { readProcedures } from './read.ts';
import { workerProcedures } from './worker.ts';
import { liveProcedures } from './live.ts';
import { adminRouter } from './admin.ts';

export function ordersRouter(deps: OrdersDeps) {
  return router({
    serviceTypes: serviceTypesRouter(deps),
    ...clientProcedures(deps),
    ...readProcedures(deps),
    ...workerProcedures(deps),
    ...liveProcedures(deps),
    admin: adminRouter(deps),
  });
}
