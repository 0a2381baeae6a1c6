// The manager assigns tests, the candidate takes them through its own link (and nothing else), a
// manager records the interview, and the decision creates a worker with an event.
process.env.MCF_TRUST_PROXY = '1';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { apply, clientFrom, codeOf } from './support.ts';

let s: TestServer;
let ipSeq = 0;
const nextIp = () => `203.0.113.${++ipSeq}`;

beforeAll(async () => {
  s = await startTestServer({ env: { MCF_HIRING_POW_BITS: '4' } });
});
afterAll(() => s.stop());

const tests = [
  { kind: 'reflex', params: { rounds: 3, minDelayMs: 0, maxDelayMs: 0 } },
  { kind: 'puzzle', params: { timeLimitSeconds: 600, questions: [{ prompt: 'How many paws?', choices: ['3', '4'], answer: 1 }, { prompt: 'Nap or work?', choices: ['nap', 'work'], answer: 0 }] } },
  { kind: 'interview', params: { topics: ['friendliness', 'tidiness'] } },
];

async function candidateFor(m: ReturnType<TestServer['client']>) {
  const { applicationId, input } = await apply(s.url, nextIp());
  const { candidateToken, portalPath } = await m.hiring.assignTests.mutate({ applicationId, tests });
  return { applicationId, input, token: candidateToken, portalPath, c: clientFrom(s.url, { token: candidateToken, ip: nextIp() }) };
}

describe('tests, the candidate portal and the decision', () => {
  it('lists the installed kinds with their parameters', async () => {
    const m = s.client(await s.managerToken());
    const kinds = await m.hiring.testKinds.query();
    expect(kinds.map((k) => k.kind)).toEqual(['reflex', 'puzzle', 'interview']);
    expect(kinds.find((k) => k.kind === 'interview')).toMatchObject({ takenBy: 'manager', defaults: { topics: ['friendliness', 'tidiness', 'curiosity'] } });
    expect(kinds[0].paramsSchema).toMatchObject({ type: 'object' });
  });

  it('refuses unknown kinds and bad parameters, naming the field', async () => {
    const m = s.client(await s.managerToken());
    const { applicationId } = await apply(s.url, nextIp());
    const e1 = await m.hiring.assignTests.mutate({ applicationId, tests: [{ kind: 'telepathy', params: {} }] }).catch((e) => e);
    expect(codeOf(e1)).toBe('BAD_REQUEST');
    expect(e1.message).toMatch(/tests\.0\.kind/);
    const e2 = await m.hiring.assignTests.mutate({ applicationId, tests: [{ kind: 'puzzle' }, { kind: 'reflex', params: { rounds: 1000 } }] }).catch((e) => e);
    expect(codeOf(e2)).toBe('BAD_REQUEST');
    expect(e2.message).toMatch(/tests\.1\.params\.rounds/);
  });

  it('a candidate takes its tests, a manager records the interview, and an accepted cat becomes a worker', async () => {
    const m = s.client(await s.managerToken());
    const { applicationId, input, c, portalPath } = await candidateFor(m);
    expect(portalPath).toMatch(/^\/candidate\?token=mcfc_/);
    await expect(m.hiring.markContacted.mutate({ applicationId })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT'); // already testing

    const me = await c.hiring.candidate.me.query();
    expect(me).toMatchObject({ name: input.name, status: 'testing' });
    expect(me.tests.map((t) => [t.kind, t.state])).toEqual([['reflex', 'assigned'], ['puzzle', 'assigned'], ['interview', 'assigned']]);
    const [reflexT, puzzleT, interviewT] = me.tests;

    await expect(c.hiring.candidate.submit.mutate({ testId: reflexT.id, answer: { reactionsMs: [200, 200, 200] } })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT'); // not opened
    const opened = await c.hiring.candidate.start.mutate({ testId: reflexT.id });
    expect(opened.view).toMatchObject({ type: 'reflex', rounds: 3 });
    await new Promise((r) => setTimeout(r, 700)); // the reactions take real time
    await c.hiring.candidate.submit.mutate({ testId: reflexT.id, answer: { reactionsMs: [200, 210, 190] } });
    await expect(c.hiring.candidate.submit.mutate({ testId: reflexT.id, answer: { reactionsMs: [200, 200, 200] } })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT');

    const puzzle = await c.hiring.candidate.start.mutate({ testId: puzzleT.id });
    expect(JSON.stringify(puzzle.view)).not.toMatch(/"answer"/);
    const bad = await c.hiring.candidate.submit.mutate({ testId: puzzleT.id, answer: { answers: 'four' } }).catch((e) => e);
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    await c.hiring.candidate.submit.mutate({ testId: puzzleT.id, answer: { answers: [1, 0] } });

    // The interview is the manager's to score.
    await expect(c.hiring.candidate.submit.mutate({ testId: interviewT.id, answer: { ratings: { friendliness: 5, tidiness: 5 } } })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    await expect(m.hiring.decide.mutate({ applicationId })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT'); // tests open
    const missing = await m.hiring.recordResult.mutate({ testId: interviewT.id, answer: { ratings: { friendliness: 5 } } }).catch((e) => e);
    expect(codeOf(missing)).toBe('BAD_REQUEST');
    expect(missing.message).toMatch(/tidiness/);
    const rec = await m.hiring.recordResult.mutate({ testId: interviewT.id, answer: { ratings: { friendliness: 5, tidiness: 4 } } });
    expect(rec.traits).toEqual({ friendliness: 1, tidiness: 0.5 });

    const detail = await m.hiring.application.query({ applicationId });
    expect(detail.tests.every((t) => t.state === 'done')).toBe(true);
    expect(detail.traits).toMatchObject({ reflexes: 1, patience: 1, problemSolving: 1, friendliness: 1, tidiness: 0.5 });

    // The first scored candidate of this database is at the top of its population: accepted.
    const d = await m.hiring.decide.mutate({ applicationId });
    expect(d).toMatchObject({ decision: 'accepted', configVersion: 1 });
    const worker = await s.app.contexts.accounts.facade.get(d.workerId!);
    expect(worker).toMatchObject({ role: 'worker', name: input.name, email: input.contact });
    const events = await s.app.db.withSchema('platform').selectFrom('event_log').selectAll().where('type', '=', 'hiring.candidateAccepted').execute();
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ applicationId, workerId: d.workerId, name: input.name, traits: detail.traits, breed: 'Tabby', age: 3, configVersion: 1 });
    expect(await m.hiring.workerProfile.query({ workerId: d.workerId! })).toMatchObject({ name: input.name, breed: 'Tabby', coatColor: 'grey', traits: detail.traits });

    // The worker has no password; a manager's one-time link signs it in.
    const { loginToken } = await m.accounts.issueLoginLink.mutate({ accountId: d.workerId! });
    const signedIn = await s.anon.accounts.loginWithLink.mutate({ loginToken });
    expect(signedIn.account).toMatchObject({ id: d.workerId, role: 'worker' });

    // Matching knows the new worker at once: a client's order is matched to it (the only worker here).
    const { id: serviceTypeId } = await m.orders.serviceTypes.create.mutate({ name: 'Jar tossing', description: 'Knock jars off shelves' });
    const client = await s.signedIn('client');
    const order = await client.client.orders.create.mutate({ serviceTypeId, description: 'Three jars', scheduledAt: new Date(Date.now() + 86_400_000).toISOString(), place: 'Kitchen' });
    await vi.waitFor(async () => expect(await client.client.orders.get.query({ id: order.id })).toMatchObject({ status: 'matched', workerId: d.workerId }), { timeout: 10_000 });
    const asWorker = s.client(signedIn.token);
    expect((await asWorker.orders.tasks.query({ state: 'active' })).map((t: { id: string }) => t.id)).toContain(order.id);

    await expect(m.hiring.decide.mutate({ applicationId })).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT');
    expect(await c.hiring.candidate.me.query()).toMatchObject({ status: 'decided', message: expect.stringMatching(/Welcome/) });
    const after = await m.hiring.application.query({ applicationId });
    expect(after.decision).toMatchObject({ decision: 'accepted', configVersion: 1, workerId: d.workerId });
  });

  it('a candidate token opens only hiring.candidate.*, and only its own tests', async () => {
    const m = s.client(await s.managerToken());
    const a = await candidateFor(m);
    const b = await candidateFor(m);
    const bTests = (await b.c.hiring.candidate.me.query()).tests;

    const denied = async (p: Promise<unknown>) => p.then(() => 'OK', codeOf);
    expect(await denied(a.c.accounts.me.query())).toBe('FORBIDDEN');
    expect(await denied(a.c.accounts.logout.mutate())).toBe('FORBIDDEN');
    expect(await denied(a.c.hiring.applications.query())).toBe('FORBIDDEN');
    expect(await denied(a.c.hiring.application.query({ applicationId: a.applicationId }))).toBe('FORBIDDEN');
    expect(await denied(a.c.hiring.testKinds.query())).toBe('FORBIDDEN');
    expect(await denied(a.c.hiring.assignTests.mutate({ applicationId: a.applicationId, tests }))).toBe('FORBIDDEN');
    expect(await denied(a.c.hiring.recordResult.mutate({ testId: bTests[2].id, answer: {} }))).toBe('FORBIDDEN');
    expect(await denied(a.c.hiring.decide.mutate({ applicationId: a.applicationId }))).toBe('FORBIDDEN');
    expect(await denied(a.c.hiring.config.list.query())).toBe('FORBIDDEN');
    expect(await denied(a.c.hiring.photo.query({ applicationId: a.applicationId }))).toBe('FORBIDDEN');
    // Another candidate's tests: neither opened nor answered, and nothing changes.
    expect(await denied(a.c.hiring.candidate.start.mutate({ testId: bTests[0].id }))).toBe('FORBIDDEN');
    expect(await denied(a.c.hiring.candidate.submit.mutate({ testId: bTests[0].id, answer: { reactionsMs: [200, 200, 200] } }))).toBe('FORBIDDEN');
    expect((await b.c.hiring.candidate.me.query()).tests[0].state).toBe('assigned');

    // Accounts' tokens cannot use the portal; no token is UNAUTHORIZED; a made-up one too.
    const worker = await s.signedIn('worker');
    expect(await denied(worker.client.hiring.candidate.me.query())).toBe('FORBIDDEN');
    expect(await denied(s.anon.hiring.candidate.me.query())).toBe('UNAUTHORIZED');
    expect(await denied(clientFrom(s.url, { token: 'mcfc_made-up' }).hiring.candidate.me.query())).toBe('UNAUTHORIZED');

    // Over WebSocket too.
    const ws = s.client(a.token);
    expect(await denied(ws.accounts.me.query())).toBe('FORBIDDEN');

    // A new assignment replaces the link: the old one stops working.
    const again = await m.hiring.assignTests.mutate({ applicationId: a.applicationId, tests: [{ kind: 'puzzle' }] });
    expect(await denied(a.c.hiring.candidate.me.query())).toBe('UNAUTHORIZED');
    const fresh = clientFrom(s.url, { token: again.candidateToken });
    expect((await fresh.hiring.candidate.me.query()).tests).toHaveLength(4);
    // A lost link is replaced without new tests.
    const link = await m.hiring.newLink.mutate({ applicationId: a.applicationId });
    expect(await denied(fresh.hiring.candidate.me.query())).toBe('UNAUTHORIZED');
    expect((await clientFrom(s.url, { token: link.candidateToken }).hiring.candidate.me.query()).tests).toHaveLength(4);
    const { applicationId: untested } = await apply(s.url, nextIp());
    expect(await denied(m.hiring.newLink.mutate({ applicationId: untested }))).toBe('CONFLICT');
  });

  it('managers watch the pipeline live (resumable); others may not', async () => {
    const m = s.client(await s.managerToken());
    const seen: { type: string; applicationId: string; status?: string }[] = [];
    const sub = m.hiring.onPipeline.subscribe({ lastEventId: '0' }, { onData: (e) => seen.push(e.data as never) });
    const { applicationId } = await apply(s.url, nextIp());
    await vi.waitFor(() => expect(seen).toContainEqual({ type: 'hiring.pipelineChanged', applicationId, status: 'new' }), { timeout: 5000 });
    sub.unsubscribe();
    const worker = await s.signedIn('worker');
    const err = await new Promise((resolve) => {
      const sub2 = worker.client.hiring.onPipeline.subscribe({}, { onError: (e) => (resolve(codeOf(e)), sub2.unsubscribe()) });
    });
    expect(err).toBe('FORBIDDEN');
  });

  it('a scripted reflex run (faster than the test can take) scores as the worst', async () => {
    const m = s.client(await s.managerToken());
    const { applicationId } = await apply(s.url, nextIp());
    const { candidateToken } = await m.hiring.assignTests.mutate({ applicationId, tests: [{ kind: 'reflex', params: { rounds: 3, minDelayMs: 2000, maxDelayMs: 2000 } }] });
    const c = clientFrom(s.url, { token: candidateToken });
    const [t] = (await c.hiring.candidate.me.query()).tests;
    await c.hiring.candidate.start.mutate({ testId: t.id });
    await c.hiring.candidate.submit.mutate({ testId: t.id, answer: { reactionsMs: [150, 150, 150] } });
    expect((await m.hiring.application.query({ applicationId })).traits).toEqual({ patience: -1, reflexes: -1 });
  });
});
