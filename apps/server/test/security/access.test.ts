// Every procedure, called as every kind of caller: exactly the callers in the policy table get past
// authorisation. Generated from the router, so a new procedure cannot slip in without a policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../support/harness.ts';
import { EVERYONE, policy, type Who } from './policy.ts';
import { callAs, listProcedures } from './procedures.ts';
import { candidateToken, hasHiring } from './roles.ts';

const DENIED = new Set(['UNAUTHORIZED', 'FORBIDDEN']);

describe('access policy of every procedure', () => {
  let s: TestServer;
  let procedures: ReturnType<typeof listProcedures>;
  const tokens = new Map<Who, () => Promise<string | null>>();
  const clients = new Map<Who, Client>();

  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000' } });
    procedures = listProcedures(s.app.router);
    for (const role of ['client', 'worker', 'clerk', 'manager'] as const) {
      const a = await s.signedIn(role);
      const login = async () => (await s.anon.accounts.login.mutate({ email: a.email, password: 'test-password-1' })).token;
      tokens.set(role, login);
      clients.set(role, s.client(a.token));
    }
    clients.set('anonymous', s.anon);
    if (hasHiring(procedures)) {
      const t = await candidateToken(s);
      clients.set('candidate', s.client(t));
    }
  });
  afterAll(() => s?.stop());

  it('has a policy for every procedure, and none for procedures that are gone', () => {
    const paths = procedures.map((p) => p.path);
    const missing = paths.filter((p) => !(p in policy));
    const stale = Object.keys(policy).filter((p) => !paths.includes(p));
    expect(missing, `procedures without an entry in apps/server/test/security/policy.ts: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `policy entries for procedures that no longer exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('lets exactly the allowed callers through, and refuses the others with the right code', async () => {
    const who = EVERYONE.filter((w) => clients.has(w));
    expect(who).toContain('manager');
    const wrong: string[] = [];
    for (const p of procedures) {
      const rule = policy[p.path];
      if (!rule) continue; // reported by the test above
      for (const w of who) {
        let client = clients.get(w)!;
        const got = await callAs(client, p.path, p.type, rule.input);
        const allowed = rule.allow.includes(w);
        const expected = allowed ? 'not UNAUTHORIZED/FORBIDDEN' : w === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN';
        const ok = allowed ? !DENIED.has(got) && got !== 'INTERNAL_SERVER_ERROR' && got !== 'TIMEOUT' : got === expected;
        if (!ok) wrong.push(`${p.path} as ${w}: got ${got}, expected ${expected}`);
        // A call may end the caller's session (logout): sign in again so the next check is fair.
        if (w !== 'anonymous' && w !== 'candidate' && (await callAs(client, 'accounts.me', 'query', undefined)) === 'UNAUTHORIZED') {
          client = s.client(await tokens.get(w)!());
          clients.set(w, client);
        }
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('refuses a made-up token everywhere except public procedures', async () => {
    const forged = s.client('mcfs_forged-token');
    const wrong: string[] = [];
    for (const p of procedures) {
      const rule = policy[p.path];
      if (!rule || rule.allow.includes('anonymous')) continue;
      const got = await callAs(forged, p.path, p.type, rule.input);
      if (got !== 'UNAUTHORIZED') wrong.push(`${p.path}: got ${got}`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });
});
