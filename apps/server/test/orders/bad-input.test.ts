// Bad input is BAD_REQUEST (or PAYLOAD_TOO_LARGE), names the field, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@mcf/kernel';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { codeOf, expectCode, issueSupplies, JPEG, manager, PNG, serviceType, worker } from './support.ts';

describe('orders: bad input', () => {
  let s: TestServer;
  let typeId: string;
  const clock = new ManualClock(new Date());
  const later = () => new Date(clock.now().getTime() + 3600_000).toISOString();
  beforeAll(async () => {
    s = await startTestServer({ clock });
    typeId = await serviceType(s);
  });
  afterAll(() => s.stop());

  const ordersCount = async () => Number((await s.app.db.withSchema('orders').selectFrom('orders').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('unknown or retired service type, past date, empty fields, malformed ids', async () => {
    const c = await s.signedIn('client');
    const before = await ordersCount();
    const base = { serviceTypeId: typeId, description: 'Poke', scheduledAt: later(), place: 'Hall' };
    const err = async (p: Promise<unknown>) => p.then(() => null, (e) => e);

    let e = await err(c.client.orders.create.mutate({ ...base, serviceTypeId: '00000000-0000-4000-8000-000000000000' }));
    expect(codeOf(e)).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/serviceTypeId/);
    e = await err(c.client.orders.create.mutate({ ...base, scheduledAt: new Date(clock.now().getTime() - 60_000).toISOString() }));
    expect(codeOf(e)).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/scheduledAt/);
    e = await err(c.client.orders.create.mutate({ ...base, description: '   ' }));
    expect(codeOf(e)).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/description/);
    e = await err(c.client.orders.create.mutate({ ...base, place: '' }));
    expect(e.message).toMatch(/place/);
    e = await err(c.client.orders.create.mutate({ ...base, scheduledAt: 'tomorrow-ish' }));
    expect(codeOf(e)).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/scheduledAt/);
    await expectCode(c.client.orders.get.query({ id: 'not-an-id' }), 'BAD_REQUEST');
    await expectCode(c.client.orders.get.query({ id: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
    await expectCode(c.client.orders.quote.query({ serviceTypeId: '00000000-0000-4000-8000-000000000000' }), 'BAD_REQUEST');

    const m = await manager(s);
    const retired = await serviceType(s, 'Old chore');
    await m.orders.serviceTypes.retire.mutate({ id: retired });
    await expectCode(c.client.orders.create.mutate({ ...base, serviceTypeId: retired }), 'CONFLICT');
    await expectCode(c.client.orders.quote.query({ serviceTypeId: retired }), 'CONFLICT');
    expect(await ordersCount()).toBe(before);
  });

  it('oversized, non-image or mislabelled photos are refused and nothing changes', async () => {
    const w = await worker(s, 'Snap');
    const c = await s.signedIn('client');
    const at = later();
    const r = await c.client.orders.create.mutate({ serviceTypeId: typeId, description: 'Poke', scheduledAt: at, place: 'Hall' });
    await issueSupplies(s, r.id, w.id);
    clock.set(new Date(Date.parse(at) - 60_000));
    const over = Buffer.alloc(5 * 1024 * 1024 + 1);
    JPEG.copy(over);
    await expectCode(w.client.orders.checkIn.mutate({ orderId: r.id, photo: { mimeType: 'image/jpeg', dataBase64: over.toString('base64') } }), 'PAYLOAD_TOO_LARGE');
    const notImage = await w.client.orders.checkIn.mutate({ orderId: r.id, photo: { mimeType: 'image/png', dataBase64: Buffer.from('just some text, honest').toString('base64') } }).catch((e) => e);
    expect(codeOf(notImage)).toBe('BAD_REQUEST');
    expect(notImage.message).toMatch(/photo/);
    await expectCode(w.client.orders.checkIn.mutate({ orderId: r.id, photo: { mimeType: 'image/jpeg', dataBase64: PNG.toString('base64') } }), 'BAD_REQUEST');
    await expectCode(w.client.orders.checkIn.mutate({ orderId: r.id, photo: { mimeType: 'image/gif' as never, dataBase64: PNG.toString('base64') } }), 'BAD_REQUEST');
    await expectCode(w.client.orders.checkIn.mutate({ orderId: r.id, photo: { mimeType: 'image/png', dataBase64: '' } }), 'BAD_REQUEST');
    expect((await c.client.orders.get.query({ id: r.id })).status).toBe('supplied');
    expect(await s.app.contexts.orders.facade.photo(r.id, 'check_in')).toBeNull();
    // A good photo still works afterwards.
    expect((await w.client.orders.checkIn.mutate({ orderId: r.id, photo: { mimeType: 'image/png', dataBase64: PNG.toString('base64') } })).status).toBe('started');
    expect((await s.app.contexts.orders.facade.photo(r.id, 'check_in'))?.mimeType).toBe('image/png');
  });
});
