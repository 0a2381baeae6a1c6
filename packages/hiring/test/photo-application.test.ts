import { describe, expect, it } from 'vitest';
import { checkPhoto, MAX_PHOTO_BYTES, sniffImage } from '../src/domain/photo.ts';
import { applicationInput, canMove, contactKey } from '../src/domain/application.ts';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

describe('photos', () => {
  it('recognises JPEG, PNG and WebP by their bytes', () => {
    expect(sniffImage(png)).toBe('image/png');
    expect(sniffImage(jpeg)).toBe('image/jpeg');
    expect(sniffImage(webp)).toBe('image/webp');
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
  });

  it('accepts a real image of the declared type', () => {
    expect(checkPhoto({ mimeType: 'image/png', dataBase64: png.toString('base64') })).toMatchObject({ ok: true, mimeType: 'image/png' });
  });

  it('refuses a non-image, a lie about the type, broken base64, and a file over 5 MB', () => {
    expect(checkPhoto({ mimeType: 'image/png', dataBase64: Buffer.from('<html>not a cat</html>').toString('base64') })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(checkPhoto({ mimeType: 'image/jpeg', dataBase64: png.toString('base64') })).toMatchObject({ ok: false, code: 'BAD_REQUEST', message: expect.stringMatching(/image\/png/) });
    expect(checkPhoto({ mimeType: 'image/gif', dataBase64: png.toString('base64') })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    expect(checkPhoto({ mimeType: 'image/png', dataBase64: '!!!!' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    const big = Buffer.concat([jpeg, Buffer.alloc(MAX_PHOTO_BYTES)]);
    expect(checkPhoto({ mimeType: 'image/jpeg', dataBase64: big.toString('base64') })).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    const exact = Buffer.concat([jpeg, Buffer.alloc(MAX_PHOTO_BYTES - jpeg.length)]);
    expect(checkPhoto({ mimeType: 'image/jpeg', dataBase64: exact.toString('base64') }).ok).toBe(true);
  });
});

describe('the application form', () => {
  const ok = { name: 'Tom', age: 3, breed: 'Tabby', coatColor: 'grey', contact: 'tom@cats.example' };
  it('names missing fields and absurd ages', () => {
    const r = applicationInput.safeParse({ ...ok, name: ' ', age: 300 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['name', 'age']);
    expect(applicationInput.safeParse({ ...ok, age: 0 }).success).toBe(false);
    expect(applicationInput.safeParse({ ...ok, age: 2.5 }).success).toBe(false);
    expect(applicationInput.safeParse({ ...ok, age: -1 }).success).toBe(false);
    expect(applicationInput.safeParse({ ...ok, breed: undefined }).success).toBe(false);
    expect(applicationInput.safeParse(ok).success).toBe(true);
  });

  it('contact keys see through case, spaces and +tags', () => {
    expect(contactKey(' Tom@Cats.Example ')).toBe(contactKey('tom+jobs@cats.example'));
    expect(contactKey('+1 (555) 010-2030')).toBe(contactKey('15550102030'));
    expect(contactKey('tom@cats.example')).not.toBe(contactKey('tim@cats.example'));
  });

  it('the pipeline only moves forward', () => {
    expect(canMove('new', 'contacted')).toBe(true);
    expect(canMove('new', 'testing')).toBe(true);
    expect(canMove('testing', 'testing')).toBe(true);
    expect(canMove('testing', 'contacted')).toBe(false);
    expect(canMove('decided', 'testing')).toBe(false);
  });
});
