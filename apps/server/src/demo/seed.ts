// A believable demo company, with a progress display. Each context adds its part here.
import type { Writable } from 'node:stream';
import type { App } from '../app.ts';
import { seedOrders } from './orders.ts';
import { seedBilling } from './billing.ts';

export const DEMO_PASSWORD = 'demo-pass-1';

export function progress(out: Writable, label: string, total: number) {
  let done = 0;
  const width = 30;
  const draw = () => {
    const filled = Math.round((done / Math.max(total, 1)) * width);
    out.write(`\r  ${label.padEnd(22)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  };
  draw();
  return {
    tick(n = 1) {
      done += n;
      draw();
    },
    end() {
      done = total;
      draw();
      out.write('\n');
    },
  };
}

const managers = ['Tom Whiskers', 'Mira Paws', 'Oscar Purr'];
const clerks = ['Lulu Box', 'Felix Shelf'];
const workers = ['Garfield', 'Luna', 'Simba', 'Nala', 'Salem', 'Chester', 'Tigger', 'Cleo', 'Milo', 'Shadow', 'Pumpkin', 'Smokey'];
const clients = ['Biscuit', 'Mochi', 'Pepper', 'Ginger', 'Oreo', 'Ziggy', 'Pixel', 'Muffin'];

const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '.');

export async function seedDemo(app: App, opts: { out: Writable }) {
  const { accounts } = app.contexts;
  const people = [
    ...managers.map((n) => ({ role: 'manager' as const, name: n })),
    ...clerks.map((n) => ({ role: 'clerk' as const, name: n })),
    ...workers.map((n) => ({ role: 'worker' as const, name: n })),
    ...clients.map((n) => ({ role: 'client' as const, name: n })),
  ];
  opts.out.write('Seeding the demo company\n');
  const bar = progress(opts.out, 'accounts', people.length);
  for (const p of people) {
    const email = `${slug(p.name)}@${p.role}.demo`;
    if (!(await accounts.facade.findByEmail(email))) await accounts.facade.createAccount({ role: p.role, email, name: p.name, password: DEMO_PASSWORD });
    bar.tick();
  }
  bar.end();
  await seedBilling(app, { out: opts.out, baseUrl: app.url.replace('127.0.0.1', 'localhost') });
  opts.out.write(`  sign in as e.g. ${slug(managers[0])}@manager.demo, ${slug(clients[0])}@client.demo, ${slug(workers[0])}@worker.demo, ${slug(clerks[0])}@clerk.demo\n`);
  await seedOrders(app, { out: opts.out, password: DEMO_PASSWORD, managerEmail: `${slug(managers[0])}@manager.demo`, clientEmails: clients.slice(0, 4).map((n) => `${slug(n)}@client.demo`) });
}
