// Who is signed in (packages/ui `createSession`). Only managers may use the admin app: any other
// account is signed out again at once and told why.
import { createSession } from '@mcf/ui';
import { api, navigate, type Me } from './api.ts';

export const { SessionProvider, useSession } = createSession<Me>({
  api,
  navigate,
  refuse: (m) => (m.role === 'manager' ? null : `The admin app is for managers only; ${m.name} is a ${m.role} account, so you have been signed out.`),
});
