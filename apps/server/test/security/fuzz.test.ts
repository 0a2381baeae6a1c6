// Hostile input for every procedure, as an anonymous caller and as every role: malformed, oversized and
// nasty values (fast-check), raw garbage bodies and frames. No call may fail with INTERNAL_SERVER_ERROR,
// every mutation must be refused, and the database must be exactly as before (the sign-in attempt log
// aside) — in particular no event may be logged for a rejected call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { fingerprint } from './dbstate.ts';
import { listProcedures, type ProcedureType } from './procedures.ts';

const MAX_BODY = 64 * 1024;
const RUNS = Number(process.env.MCF_FUZZ_RUNS ?? 25);

const hostileString = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.constantFrom(
    "'; drop table accounts.account; --",
    '" or 1=1 --',
    '\u0000',
    '\ud800',
    '../../../../etc/passwd',
    '<script>alert(1)</script>',
    '${jndi:ldap://x}',
    '%00%ff',
    'NaN',
    '-1',
    '1e400',
    '9007199254740993',
    '__proto__',
    'constructor',
    'x'.repeat(5000),
  ),
  fc.string({ minLength: 20_000, maxLength: 40_000 }),
);
const leaf = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String));
const hostileKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'role', 'email', 'password', 'name', 'id', 'lastEventId', 'amountCents', 'orderId', 'accountId', '');
const hostileObject = fc.dictionary(fc.oneof(hostileKeys, fc.string({ maxLength: 12 })), fc.oneof(leaf, fc.array(leaf, { maxLength: 4 })), { maxKeys: 8 });
const deep = fc.integer({ min: 50, max: 3000 }).map((d) => {
  let v: unknown = 1;
  for (let i = 0; i < d; i++) v = { a: v };
  return v;
});
/** Inputs that can never be valid for a procedure with a declared input (wrong shape, wrong types, hostile). */
const hostileInput = fc.oneof(
  leaf,
  hostileObject,
  fc.array(fc.oneof(leaf, hostileObject), { maxLength: 6 }),
  deep,
  fc.record({ lastEventId: fc.oneof(hostileString, fc.integer(), fc.constant('-1'), fc.constant('99999999999999999999999')) }),
  fc.record({ role: hostileString, email: hostileString, name: hostileString, password: fc.string({ maxLength: 7 }) }),
);

async function post(url: string, path: string, type: ProcedureType, body: string, token: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res =
    type === 'query'
      ? await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(body)}`, { headers })
      : await fetch(`${url}/trpc/${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = JSON.parse(text)?.error?.data?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code, text };
}

/** One raw subscription over WebSocket with a hostile input; resolves with the first answer's code. */
function wsSubscribe(url: string, path: string, input: unknown, token: string | null, raw?: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + '/trpc?connectionParams=1');
    const done = (r: string) => {
      clearTimeout(timer);
      ws.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => done('TIMEOUT'), 5000);
    ws.on('open', () => {
      ws.send(JSON.stringify({ method: 'connectionParams', data: token ? { token } : {} }));
      ws.send(raw ?? JSON.stringify({ id: 1, method: 'subscription', params: { path, input } }));
    });
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      if (m.result?.type === 'started' || m.result?.type === 'data') done('OK');
      else if (m.error) done(m.error.data?.code ?? 'ERROR');
    });
    ws.on('error', () => done('SOCKET_ERROR'));
    ws.on('close', () => done('CLOSED'));
  });
}

describe('hostile input to every procedure', () => {
  let s: TestServer;
  let procedures: ReturnType<typeof listProcedures>;
  const tokens: [string, string | null][] = [['anonymous', null]];
  let before: Record<string, string>;

  beforeAll(async () => {
    s = await startTestServer({ env: { MCF_MAX_BODY_BYTES: String(MAX_BODY), MCF_LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '1000000' } });
    procedures = listProcedures(s.app.router);
    for (const role of ['client', 'worker', 'clerk', 'manager'] as const) tokens.push([role, (await s.signedIn(role)).token]);
    // Let the job runner settle (it may touch its own tables at start), then take the fingerprint.
    await new Promise((r) => setTimeout(r, 500));
    before = await fingerprint(s.app.db);
  });
  afterAll(() => s?.stop());

  it('never answers INTERNAL_SERVER_ERROR, never accepts a hostile mutation, and changes nothing', async () => {
    const problems: string[] = [];
    const note = (what: string) => problems.length < 30 && problems.push(what);
    for (const p of procedures) {
      if (p.path === 'accounts.logout') continue; // takes no input; tested by the access test
      for (const [who, token] of tokens) {
        if (p.type === 'subscription') {
          await fc.assert(
            fc.asyncProperty(hostileInput, async (input) => {
              const got = await wsSubscribe(s.url, p.path, input, token);
              if (got === 'INTERNAL_SERVER_ERROR' || got === 'TIMEOUT' || got === 'SOCKET_ERROR') note(`${p.path} as ${who}: ${got} for ${JSON.stringify(input).slice(0, 200)}`);
            }),
            { numRuns: Math.ceil(RUNS / 2) },
          );
          // Garbage frames: the socket must answer with an error, not crash the server.
          for (const raw of ['{', '[{}]', 'null', '{"id":1,"method":"subscription"}', '{"id":1,"method":"subscription","params":{"path":"__proto__"}}', JSON.stringify({ id: 1, method: 'subscription', params: { path: p.path, input: {}, lastEventId: { $gt: 1 } } })]) {
            const got = await wsSubscribe(s.url, p.path, undefined, token, raw);
            if (got === 'INTERNAL_SERVER_ERROR' || got === 'TIMEOUT') note(`${p.path} as ${who}: ${got} for raw frame ${raw}`);
          }
          continue;
        }
        await fc.assert(
          fc.asyncProperty(hostileInput, async (input) => {
            const r = await post(s.url, p.path, p.type, JSON.stringify(input), token);
            if (r.status >= 500 || r.code === 'INTERNAL_SERVER_ERROR') note(`${p.path} as ${who}: ${r.status} ${r.code} for ${JSON.stringify(input).slice(0, 200)}`);
            if (p.type === 'mutation' && r.status < 300) note(`${p.path} as ${who}: accepted hostile input ${JSON.stringify(input).slice(0, 200)}`);
          }),
          { numRuns: RUNS },
        );
        // Malformed and oversized bodies.
        for (const body of ['{', 'not json', '\u0000', '[1,2', '{"json":', '"' + 'x'.repeat(MAX_BODY * 2) + '"']) {
          const r = await post(s.url, p.path, p.type === 'query' && body.length > 8000 ? 'mutation' : p.type, body, token);
          if (r.status >= 500 || r.code === 'INTERNAL_SERVER_ERROR') note(`${p.path} as ${who}: ${r.status} ${r.code} for a malformed body (${body.length} bytes)`);
          if (p.type === 'mutation' && r.status < 300) note(`${p.path} as ${who}: accepted a malformed body`);
        }
      }
    }
    // The server is still healthy and the database unchanged.
    expect((await s.anon.system.health.query()).ok).toBe(true);
    const after = await fingerprint(s.app.db);
    expect(after).toEqual(before);
    expect(problems, problems.join('\n')).toEqual([]);
  }, 600_000);

  it('an oversized request is PAYLOAD_TOO_LARGE, not an error', async () => {
    const [, token] = tokens.find(([w]) => w === 'manager')!;
    const r = await post(s.url, 'accounts.create', 'mutation', JSON.stringify({ role: 'worker', email: 'big@test.mcf', name: 'x'.repeat(MAX_BODY * 2), password: 'long-enough-1' }), token);
    expect(r.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
