// The orders part of the demo company: service types, and a few orders from demo clients (placed
// through the API as those clients would, so they are matched and priced like any other).
import type { Writable } from 'node:stream';
import { createCallerFactory, makeRequestContext } from '@mcf/kernel';
import type { App } from '../app.ts';

const TYPES = [
  { name: 'Poke things', description: 'A worker pokes the thing until it moves (or clearly will not).' },
  { name: 'Toss jars', description: 'Jars, bottles and small boxes tossed off shelves, safely.' },
  { name: 'Test a toy', description: 'A full play session with a new toy and a written opinion.' },
  { name: 'Guard the sunbeam', description: 'Keeps the best spot warm until you come back.' },
];

export async function seedOrders(app: App, opts: { out: Writable; password: string; managerEmail: string; clientEmails: string[] }) {
  const call = createCallerFactory(app.router as never) as unknown as (ctx: unknown) => any;
  const as = (token: string | null) =>
    call(makeRequestContext({ token, ip: 'demo-seed', log: app.platform.log, authenticate: app.contexts.accounts.facade.authenticate }));
  const login = async (email: string) => (await as(null).accounts.login({ email, password: opts.password })).token as string;

  const manager = as(await login(opts.managerEmail));
  const existing = new Set<string>((await manager.orders.serviceTypes.list({ includeRetired: true }).catch(() => [])).map((t: { name: string }) => t.name));
  for (const t of TYPES) if (!existing.has(t.name)) await manager.orders.serviceTypes.create(t).catch(() => undefined);
  const types = await as(await login(opts.clientEmails[0])).orders.serviceTypes.list();

  let placed = 0;
  for (const [i, email] of opts.clientEmails.entries()) {
    const client = as(await login(email));
    if ((await client.orders.mine()).length > 0) continue; // seeded before
    const at = new Date(Date.now() + (i + 1) * 86_400_000);
    at.setUTCHours(9 + (i % 8), 0, 0, 0);
    await client.orders.create({ serviceTypeId: types[i % types.length].id, description: 'Please help, the humans are at work', scheduledAt: at.toISOString(), place: `Flat ${i + 1}, Purr Street` });
    placed++;
  }
  opts.out.write(`  orders: ${TYPES.length} service types, ${placed} new orders from demo clients\n`);
}
