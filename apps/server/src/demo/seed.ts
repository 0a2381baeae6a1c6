// A believable demo company, seeded through the public API (so every rule applies), with progress.
import type { Writable } from 'node:stream';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { App } from '../app.ts';
import type { AppRouter } from '../router.ts';
import { demoCast, DEMO_PASSWORD, demoEmail, SERVICE_TYPES, TESTERS } from './cast.ts';
import { progress } from './progress.ts';
import { seedCredits } from './billing.ts';
import { seedQuality } from './quality.ts';

export { DEMO_PASSWORD } from './cast.ts';

/** Demo mode shortens the waits so every order state appears within minutes (env overrides). */
export function demoEnvDefaults(env: NodeJS.ProcessEnv) {
  env.MCF_BAKERY_DELAY_SECONDS ??= '4';
  env.MCF_NO_SHOW_GRACE_SECONDS ??= '60';
}

type Api = TRPCClient<AppRouter>;
// A 1×1 PNG: the smallest honest photo of a signed report.
const PHOTO = { mimeType: 'image/png' as const, dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

function apiFor(app: App, token?: string): Api {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${app.url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}

async function signIn(app: App, email: string) {
  const r = await apiFor(app).accounts.login.mutate({ email, password: DEMO_PASSWORD });
  return apiFor(app, r.token);
}

export async function seedDemo(app: App, opts: { out: Writable }) {
  const out = opts.out;
  const { accounts } = app.contexts;
  out.write('Seeding the demo company\n');
  const cast = demoCast();
  const people = progress(out, 'people', cast.length);
  for (const p of cast) {
    if (!(await accounts.facade.findByEmail(demoEmail(p)))) await accounts.facade.createAccount({ role: p.role, email: demoEmail(p), name: p.name, password: DEMO_PASSWORD });
    people.tick();
  }
  people.end();

  const manager = await signIn(app, demoEmail(cast.find((p) => p.role === 'manager')!));
  const existing = await manager.orders.serviceTypes.list.query();
  if (existing.some((t) => t.name === SERVICE_TYPES[0].name)) {
    out.write('  the demo company is already there; nothing more to seed\n');
    return;
  }
  const types = progress(out, 'service types', SERVICE_TYPES.length);
  const typeIds: string[] = [];
  for (const t of SERVICE_TYPES) {
    typeIds.push((await manager.orders.serviceTypes.create.mutate(t)).id);
    types.tick();
  }
  types.end();

  const testers = await manager.accounts.importTesters.mutate({ testers: TESTERS });

  const clients = await Promise.all(cast.filter((p) => p.role === 'client').map((p) => signIn(app, demoEmail(p))));
  const clerk = await signIn(app, demoEmail(cast.find((p) => p.role === 'clerk')!));
  const workerApis = new Map<string, Api>();
  for (const p of cast.filter((c) => c.role === 'worker')) {
    const id = (await accounts.facade.findByEmail(demoEmail(p)))!.id;
    workerApis.set(id, await signIn(app, demoEmail(p)));
  }

  // Each client gets a life story: future orders, some supplied, started, completed, canceled, one no-show.
  const plan: { client: Api; at: string; fate: 'matched' | 'supplied' | 'started' | 'completed' | 'canceled' | 'failed' }[] = [];
  clients.forEach((client, i) => {
    plan.push({ client, at: minutesFromNow(60 * 24 * (1 + (i % 5))), fate: 'matched' });
    plan.push({ client, at: minutesFromNow(60 * 24 * 2 + i * 30), fate: 'canceled' });
    plan.push({ client, at: minutesFromNow(10 + i), fate: i % 3 === 0 ? 'supplied' : i % 3 === 1 ? 'started' : 'completed' });
    plan.push({ client, at: minutesFromNow(12 + i), fate: 'completed' }); // check-in opens 30 min before
    if (i < 3) plan.push({ client, at: minutesFromNow(1), fate: 'failed' });
  });
  const orders = progress(out, 'orders', plan.length);
  const made: { id: string; fate: (typeof plan)[number]['fate']; client: Api }[] = [];
  for (const [n, p] of plan.entries()) {
    const o = await p.client.orders.create.mutate({
      serviceTypeId: typeIds[n % typeIds.length],
      description: SERVICE_TYPES[n % SERVICE_TYPES.length].example,
      scheduledAt: p.at,
      place: `${['Kitchen', 'Attic', 'Garden shed', 'Living room', 'Cardboard castle'][n % 5]}, Whisker Lane ${n + 1}`,
    });
    made.push({ id: o.id, fate: p.fate, client: p.client });
    if (p.fate === 'canceled') await p.client.orders.cancel.mutate({ orderId: o.id, reason: 'Found the jar myself' });
    orders.tick();
  }
  orders.end();

  // Supplies: wait for the bakery's cookies, then the clerk issues the sets that must go out today.
  const toSupply = made.filter((m) => ['supplied', 'started', 'completed'].includes(m.fate));
  const supplies = progress(out, 'supplies issued', toSupply.length);
  const issued = new Set<string>();
  for (let round = 0; issued.size < toSupply.length && round < 120; round++) {
    const open = await clerk.supplies.requests.query({ state: 'open' });
    for (const r of open) {
      if (!toSupply.some((m) => m.id === r.orderId) || issued.has(r.orderId) || r.cookie !== 'arrived') continue;
      await clerk.supplies.issue.mutate({ requestId: r.id });
      issued.add(r.orderId);
      supplies.tick();
    }
    if (issued.size < toSupply.length) await sleep(500);
  }
  supplies.end();

  // Workers check in and finish once their order is supplied.
  const work = made.filter((m) => m.fate === 'started' || m.fate === 'completed');
  const visits = progress(out, 'work done', work.length);
  for (const m of work) {
    for (let i = 0; i < 40; i++) {
      const o = await m.client.orders.get.query({ id: m.id });
      if (o.status === 'supplied' && o.workerId) {
        const worker = workerApis.get(o.workerId)!;
        await worker.orders.checkIn.mutate({ orderId: m.id, photo: PHOTO });
        if (m.fate === 'completed') await worker.orders.complete.mutate({ orderId: m.id, reportPhoto: PHOTO });
        break;
      }
      await sleep(250);
    }
    visits.tick();
  }
  visits.end();

  // Managers bet on the orders still open.
  const managers = await Promise.all(cast.filter((p) => p.role === 'manager').map((p) => signIn(app, demoEmail(p))));
  const open = made.filter((m) => m.fate === 'matched' || m.fate === 'failed');
  const bets = progress(out, 'bets', managers.length * open.length);
  const outcomes = ['completed', 'canceled', 'failed'] as const;
  for (const [mi, m] of managers.entries()) {
    await m.betting.topUp.mutate({ amountCents: 500_00 });
    for (const [oi, o] of open.entries()) {
      await m.betting.placeBet.mutate({ orderId: o.id, outcome: outcomes[(mi + oi) % 3], amountCents: (5 + ((mi * 7 + oi * 3) % 20)) * 100 });
      bets.tick();
    }
  }
  bets.end();

  // Billing: a few manager credits (charges, earnings and fines follow the orders by themselves).
  await seedCredits(managers[0], [...workerApis.keys()]);

  await seedQuality(managers, out);

  // Hiring: applicants, most with a finished puzzle and interview, so the pipeline and the cut-off chart
  // have data. Through the hiring facade (the same use cases as the API, without the proof of work and
  // the per-address limit that would stop 40 applications from one address).
  const boss = await accounts.facade.findByEmail(demoEmail(cast.find((p) => p.role === 'manager')!));
  if (boss) {
    const applicants = progress(out, 'applicants', 40);
    await app.contexts.hiring.facade.seedDemo(boss.id, 40, () => applicants.tick());
    applicants.end();
  }

  const failing = made.filter((m) => m.fate === 'failed').length;
  out.write(`  ${failing} orders are booked for a minute from now and will fail as no-shows about ${process.env.MCF_NO_SHOW_GRACE_SECONDS ?? 900} s later\n`);
  out.write('  tester sign-in links (one use each):\n');
  for (const c of testers.clients) if (c.loginToken) out.write(`    ${app.url.replace('127.0.0.1', 'localhost')}/login/link?token=${c.loginToken}\n`);
  const who = (role: string) => demoEmail(cast.find((p) => p.role === role)!);
  out.write(`  sign in as ${who('manager')}, ${who('client')}, ${who('worker')}, ${who('clerk')} (password "${DEMO_PASSWORD}")\n`);
}
