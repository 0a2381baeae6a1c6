// Photos arrive as base64; we trust the bytes, not the declared type: the magic numbers must match.
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIME_TYPES)[number];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export type PhotoCheck =
  | { ok: true; bytes: Buffer; mimeType: PhotoMime }
  | { ok: false; code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE'; message: string };

export function sniffImage(b: Uint8Array): PhotoMime | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((v, i) => b[i] === v)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export function checkPhoto(field: string, photo: { mimeType: PhotoMime; dataBase64: string }): PhotoCheck {
  const text = photo.dataBase64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return { ok: false, code: 'BAD_REQUEST', message: `${field}: dataBase64 is not base64` };
  // Cheap size check before decoding, so a huge upload is refused without allocating it twice.
  const approx = Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (approx > MAX_PHOTO_BYTES) return { ok: false, code: 'PAYLOAD_TOO_LARGE', message: `${field}: a photo may be at most 5 MB` };
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0) return { ok: false, code: 'BAD_REQUEST', message: `${field}: the photo is empty` };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, code: 'PAYLOAD_TOO_LARGE', message: `${field}: a photo may be at most 5 MB` };
  const real = sniffImage(bytes);
  if (!real) return { ok: false, code: 'BAD_REQUEST', message: `${field}: the data is not a JPEG, PNG or WebP image` };
  if (real !== photo.mimeType) return { ok: false, code: 'BAD_REQUEST', message: `${field}: the data is ${real}, not ${photo.mimeType}` };
  return { ok: true, bytes, mimeType: real };
}
