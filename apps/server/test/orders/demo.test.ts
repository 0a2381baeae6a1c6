// The demo seed's orders part: service types and matched orders, and seeding twice adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { waitFor } from './support.ts';

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

describe('demo seed: orders', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  it('adds service types and orders that get matched; a second run adds nothing', async () => {
    await seedDemo(s.app, { out: sink() });
    const db = s.app.db.withSchema('orders');
    const count = async () => Number((await db.selectFrom('orders').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(4);
    await waitFor('all matched', async () => (await db.selectFrom('orders').select('id').where('status', '=', 'created').execute()).length === 0);
    await seedDemo(s.app, { out: sink() });
    expect(await count()).toBe(4);
    expect((await db.selectFrom('service_type').select('id').execute()).length).toBe(4);
  });
});
