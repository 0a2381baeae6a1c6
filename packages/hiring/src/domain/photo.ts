// Photos: `{ mimeType, dataBase64 }`, at most 5 MB decoded, and the bytes must really be that type.
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** The longest base64 text that can decode to MAX_PHOTO_BYTES. */
export const MAX_PHOTO_BASE64 = Math.ceil(MAX_PHOTO_BYTES / 3) * 4;

/** What the first bytes say the file is (magic numbers), or null. */
export function sniffImage(b: Uint8Array): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type PhotoCheck =
  | { ok: true; mimeType: PhotoType; bytes: Buffer }
  | { ok: false; code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE'; message: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function checkPhoto(photo: { mimeType: string; dataBase64: string }, maxBytes = MAX_PHOTO_BYTES): PhotoCheck {
  if (!(PHOTO_TYPES as readonly string[]).includes(photo.mimeType)) {
    return { ok: false, code: 'BAD_REQUEST', message: `photo.mimeType: must be one of ${PHOTO_TYPES.join(', ')}` };
  }
  const text = photo.dataBase64.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0) > maxBytes) {
    return { ok: false, code: 'PAYLOAD_TOO_LARGE', message: `photo: must be at most ${Math.round(maxBytes / 1024 / 1024)} MB` };
  }
  if (text.length === 0 || text.length % 4 === 1 || !BASE64.test(text)) return { ok: false, code: 'BAD_REQUEST', message: 'photo.dataBase64: is not base64' };
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > maxBytes) return { ok: false, code: 'PAYLOAD_TOO_LARGE', message: `photo: must be at most ${Math.round(maxBytes / 1024 / 1024)} MB` };
  const actual = sniffImage(bytes);
  if (!actual) return { ok: false, code: 'BAD_REQUEST', message: 'photo: is not a JPEG, PNG or WebP image' };
  if (actual !== photo.mimeType) return { ok: false, code: 'BAD_REQUEST', message: `photo: the file is ${actual}, not ${photo.mimeType}` };
  return { ok: true, mimeType: actual, bytes };
}
