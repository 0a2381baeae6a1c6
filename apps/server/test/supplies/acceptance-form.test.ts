// The job acceptance form: a real PDF with the order's data, for the order's worker and clerks only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { codeOf, matched } from './support.ts';

async function pdfText(base64: string) {
  const bytes = Buffer.from(base64, 'base64');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const info = await parser.getInfo();
    const text = await parser.getText();
    return { pages: info.total, text: text.text, title: String(info.info?.Title ?? '') };
  } finally {
    await parser.destroy();
  }
}

describe('job acceptance form', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.stop());

  it('opens as a PDF and carries the worker, client, service, place, booked time, order number and signature lines', async () => {
    const clerk = await s.signedIn('clerk');
    const worker = await s.signedIn('worker', 'Shadow Whiskerson');
    const client = await s.signedIn('client', 'Pepper Élan');
    const { snap } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id }, {
      serviceTypeName: 'Tossing jars',
      place: '7 Mouse Alley, Purrington',
      scheduledAt: '2026-12-24T15:30:00.000Z',
      description: 'Three jam jars, top shelf; mind the vase',
    });
    const form = await worker.client.supplies.acceptanceForm.query({ orderId: snap.orderId });
    expect(form.mimeType).toBe('application/pdf');
    expect(form.fileName).toMatch(/^acceptance-form-[0-9A-F]{8}\.pdf$/);
    const { pages, text, title } = await pdfText(form.dataBase64);
    expect(pages).toBe(1);
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of ['Job acceptance form', 'Shadow Whiskerson', 'Pepper Élan', 'Tossing jars', '7 Mouse Alley, Purrington', '2026-12-24 15:30 UTC', snap.orderId, 'Three jam jars', 'Client signature', 'Worker signature']) {
      expect(flat).toContain(expected);
    }
    expect(title).toContain('Job acceptance form');
    // Clerks print it too, and get the same document.
    const byClerk = await clerk.client.supplies.acceptanceForm.query({ orderId: snap.orderId });
    expect((await pdfText(byClerk.dataBase64)).text.replace(/\s+/g, ' ')).toContain('Shadow Whiskerson');
  });

  it('is refused to other workers, clients and anonymous callers; unknown orders are NOT_FOUND', async () => {
    const clerk = await s.signedIn('clerk');
    const worker = await s.signedIn('worker');
    const other = await s.signedIn('worker');
    const client = await s.signedIn('client');
    const { snap } = await matched(s, clerk.client, { clientId: client.id, workerId: worker.id });
    await expect(other.client.supplies.acceptanceForm.query({ orderId: snap.orderId })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    await expect(client.client.supplies.acceptanceForm.query({ orderId: snap.orderId })).rejects.toSatisfy((e) => codeOf(e) === 'FORBIDDEN');
    await expect(s.anon.supplies.acceptanceForm.query({ orderId: snap.orderId })).rejects.toSatisfy((e) => codeOf(e) === 'UNAUTHORIZED');
    await expect(clerk.client.supplies.acceptanceForm.query({ orderId: '00000000-0000-4000-8000-000000000000' })).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    await expect(clerk.client.supplies.acceptanceForm.query({ orderId: 'x' })).rejects.toSatisfy((e) => codeOf(e) === 'BAD_REQUEST');
  });
});
