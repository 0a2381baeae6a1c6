// The application form, the pipeline of an application and duplicate detection.
import { z } from 'zod';
import { MAX_PHOTO_BASE64 } from './photo.ts';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const MIN_AGE = 1;
export const MAX_AGE = 30;

export const applicationInput = z.object({
  name: text(80),
  age: z.number({ error: 'must be a number of years' }).int('must be a whole number of years').min(MIN_AGE, `must be at least ${MIN_AGE} (we hire grown cats)`).max(MAX_AGE, `must be at most ${MAX_AGE}; no cat is that old`),
  breed: text(60),
  coatColor: text(40),
  contact: text(200),
  photo: z
    .object({
      mimeType: z.string().max(40),
      // Size is checked on the decoded bytes (PAYLOAD_TOO_LARGE); this bound only stops absurd strings early.
      dataBase64: z.string().max(MAX_PHOTO_BASE64 + 1024 * 1024, 'is far too large'),
    })
    .optional()
    .nullable(),
  /** The proof of work: a challenge from `hiring.challenge` and a nonce (see pow.ts). */
  proof: z.object({ challenge: z.string().max(200), nonce: z.string().max(64) }).optional().nullable(),
});
export type ApplicationInput = z.infer<typeof applicationInput>;

export const STATUSES = ['new', 'contacted', 'testing', 'decided'] as const;
export type Status = (typeof STATUSES)[number];
export type Decision = 'accepted' | 'rejected';

/** The pipeline moves forward only: new → contacted → testing → decided (contacted may be skipped). */
export function canMove(from: Status, to: Status): boolean {
  const order = STATUSES.indexOf(to) - STATUSES.indexOf(from);
  if (from === 'decided') return false;
  if (to === 'testing') return true; // more tests may be added while testing
  return order > 0;
}

/**
 * One open application per contact. The key ignores case, spaces, dots in Gmail-style local parts are
 * kept (different mailboxes elsewhere), `+tags` are dropped, and a phone number keeps only its digits.
 */
export function contactKey(contact: string): string {
  const c = contact.trim().toLowerCase();
  const email = c.match(/^([^@\s]+)@([^@\s]+)$/);
  if (email) return `e:${email[1].replace(/\+.*$/, '')}@${email[2]}`;
  const digits = c.replace(/[^0-9]/g, '');
  if (digits.length >= 6 && /^[+0-9()\-.\s]+$/.test(c)) return `p:${digits}`;
  return `t:${c.replace(/\s+/g, ' ')}`;
}

export const isEmail = (s: string) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.trim());

export const KIND_REJECTION =
  'Thank you for the time and the effort you gave us. We compared your results with many other cats and this time we will not be offering you a place. You are a wonderful cat, and we wish you many sunny windowsills.';
export const KIND_ACCEPTANCE = 'Welcome to Make Cats Free! A manager will give you your sign-in details.';
