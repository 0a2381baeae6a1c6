// The accounts router: one file per procedure group.
import { router, type EventHub } from '@mcf/kernel';
import type { Sessions } from '../sessions.ts';
import type { Testers } from '../testers.ts';
import { authProcedures } from './auth.ts';
import { testerProcedures } from './testers.ts';
import { billingRouter } from './billing.ts';
import type { Billing } from '../billing/index.ts';

export function accountsRouter(deps: { sessions: Sessions; testers: Testers; billing: Billing; hub: EventHub }) {
  return router({
    ...authProcedures(deps.sessions, deps.hub),
    ...testerProcedures(deps.testers),
    billing: billingRouter(deps.billing, deps.hub),
  });
}
