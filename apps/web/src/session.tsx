// Who is signed in (packages/ui `createSession`): every kind of account may use the web app.
import { createSession } from '@mcf/ui';
import { api, navigate, type Me } from './api.ts';

export const { SessionProvider, useSession } = createSession<Me>({ api, navigate });
