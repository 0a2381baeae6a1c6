// Input shapes shared by the orders procedures (zod), with field-named messages.
import { z } from 'zod';
import { isUuid, fail } from '@mcf/kernel';
import { PHOTO_MIME_TYPES, checkPhoto } from '../domain/photo.ts';

export const id = z.string().refine(isUuid, 'must be an id (uuid)');

export const isoDateTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date and time')
  .transform((s) => new Date(s));

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const photo = z.object({
  mimeType: z.enum(PHOTO_MIME_TYPES, { message: `must be one of ${PHOTO_MIME_TYPES.join(', ')}` }),
  dataBase64: z.string().min(1, 'must not be empty'),
});

export const lastEventId = z.string().regex(/^\d+$/, 'must be an event id').nullish();

/** Decodes and checks a photo; refuses with BAD_REQUEST or PAYLOAD_TOO_LARGE, never later. */
export function decodePhoto(field: string, kind: 'check_in' | 'report', p: z.infer<typeof photo>) {
  const r = checkPhoto(field, p);
  if (!r.ok) return fail(r.code, r.message);
  return { kind, mimeType: r.mimeType, bytes: r.bytes };
}
