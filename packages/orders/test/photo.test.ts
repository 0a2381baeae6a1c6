import { describe, expect, it } from 'vitest';
import { checkPhoto, MAX_PHOTO_BYTES, sniffImage } from '../src/domain/photo.ts';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
const b64 = (b: Buffer) => b.toString('base64');

describe('photos', () => {
  it('recognises JPEG, PNG and WebP by their magic bytes', () => {
    expect(sniffImage(jpeg)).toBe('image/jpeg');
    expect(sniffImage(png)).toBe('image/png');
    expect(sniffImage(webp)).toBe('image/webp');
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull();
  });

  it('accepts a real image of the declared type', () => {
    const r = checkPhoto('photo', { mimeType: 'image/png', dataBase64: b64(png) });
    expect(r.ok && r.bytes.equals(png)).toBe(true);
  });

  it('refuses a type mismatch, a non-image, empty data and non-base64', () => {
    expect(checkPhoto('photo', { mimeType: 'image/png', dataBase64: b64(jpeg) })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(checkPhoto('photo', { mimeType: 'image/jpeg', dataBase64: b64(Buffer.from('hello world')) })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(checkPhoto('photo', { mimeType: 'image/jpeg', dataBase64: '' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(checkPhoto('photo', { mimeType: 'image/jpeg', dataBase64: '***' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });

  it('allows exactly 5 MB and refuses a byte more with PAYLOAD_TOO_LARGE', () => {
    const at = Buffer.alloc(MAX_PHOTO_BYTES, 0);
    jpeg.copy(at);
    expect(checkPhoto('photo', { mimeType: 'image/jpeg', dataBase64: b64(at) }).ok).toBe(true);
    const over = Buffer.alloc(MAX_PHOTO_BYTES + 1, 0);
    jpeg.copy(over);
    expect(checkPhoto('photo', { mimeType: 'image/jpeg', dataBase64: b64(over) })).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
  });
});
