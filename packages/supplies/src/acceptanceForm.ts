// The job acceptance form: a one-page printable PDF per order, drawn with pdfkit (standard Helvetica,
// no font files to ship). Standard PDF fonts cover Latin-1 only, so other characters are transliterated
// where Unicode knows how (é → e) and shown as "?" otherwise.
import PDFDocument from 'pdfkit';

export interface AcceptanceFormData {
  orderId: string;
  workerName: string;
  clientName: string;
  serviceTypeName: string;
  description: string;
  place: string;
  scheduledAt: Date;
  generatedAt: Date;
}

const KEEP = /[\x20-\x7e\xa0-\xff\n–—‘’“”…•]/;
export function latin1(s: string): string {
  return Array.from(s.normalize('NFC'))
    .map((ch) => {
      if (KEEP.test(ch)) return ch;
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return base && Array.from(base).every((c) => KEEP.test(c)) ? base : '?';
    })
    .join('');
}

const when = (d: Date) => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;

/** The order number printed on paper: short enough to read out, unique enough to find the order. */
export const orderNumber = (orderId: string) => orderId.replace(/-/g, '').slice(0, 8).toUpperCase();

export function renderAcceptanceForm(d: AcceptanceFormData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Job acceptance form ${orderNumber(d.orderId)}`, Author: 'Make Cats Free', Subject: latin1(d.serviceTypeName), CreationDate: d.generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 112;
  doc.font('Helvetica-Bold').fontSize(20).text('Make Cats Free', { align: 'left' });
  doc.font('Helvetica').fontSize(14).text('Job acceptance form');
  doc.moveDown(0.3).fontSize(10).fillColor('#555').text(`Order number ${orderNumber(d.orderId)}  (${d.orderId})`).fillColor('#000');
  doc.moveDown(1);

  const row = (label: string, value: string) => {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(11).text(label, 56, y, { width: 130 });
    doc.font('Helvetica').fontSize(11).text(latin1(value), 190, y, { width: width - 134 });
    doc.moveDown(0.6);
    doc.x = 56;
  };
  row('Worker', d.workerName);
  row('Client', d.clientName);
  row('Service', d.serviceTypeName);
  row('Place', d.place);
  row('Booked time', when(d.scheduledAt));
  row('Task', d.description || '—');

  doc.moveDown(1);
  doc.font('Helvetica').fontSize(10).text(
    'The client confirms that the work described above was carried out by the worker named on this form. ' +
      'The worker hands this signed form in with the photo report.',
    { width },
  );

  doc.moveDown(3);
  const line = (label: string) => {
    const y = doc.y;
    doc.moveTo(56, y).lineTo(300, y).stroke();
    doc.moveTo(340, y).lineTo(56 + width, y).stroke();
    doc.fontSize(9).text(`${label} signature (paw print welcome)`, 56, y + 4, { width: 240 });
    doc.text('Date and time', 340, y + 4, { width: 200 });
    doc.x = 56;
    doc.moveDown(3);
  };
  line('Client');
  line('Worker');

  doc.fontSize(8).fillColor('#777').text(`Printed ${when(d.generatedAt)}`, 56, doc.page.height - 80, { width });
  doc.end();
  return done;
}
