// Fur-tune cookie predictions. The generator is an interface so an LLM service can replace the local
// one; the local one builds a sentence from curated, kind word lists, picked by a hash of the order id
// (the same order always gets the same text; different orders get varied ones).
import { createHash } from 'node:crypto';

export interface FortuneRequest {
  orderId: string;
  serviceTypeName: string;
  clientName: string;
}

export interface FortuneTeller {
  /** A short, kind prediction (one or two sentences, at most 240 characters). */
  predict(req: FortuneRequest): Promise<string>;
}

// Every entry is reviewed: gentle, cat-friendly, nothing about health, money loss, death or looks.
export const OPENERS = [
  'The stars over the scratching post say',
  'A wise old tabby foresees',
  'Your whiskers already sense',
  'The moon above the windowsill promises',
  'An ancient feather toy reveals',
  'The cardboard box of destiny whispers',
  'A purring oracle declares',
  'The sunbeam on the carpet hints',
  'Seven sleepy kittens agree',
  'The cosmic yarn ball unrolls to show',
] as const;

export const GIFTS = [
  'a sunny spot that stays warm all afternoon',
  'a brand-new box exactly your size',
  'an unexpected treat from a kind paw',
  'a long and perfect nap',
  'a friend who shares the best windowsill',
  'a feather that finally lets itself be caught',
  'a quiet evening full of gentle purrs',
  'a bowl that is never quite empty',
  'a playful afternoon with a crinkly ball',
  'the softest blanket in the house',
  'a lucky find under the sofa',
  'a compliment on your splendid whiskers',
] as const;

export const TIMES = [
  'before the next full moon',
  'sooner than you think',
  'on a bright morning this week',
  'right after your next stretch',
  'when you least expect it',
  'before the week is out',
  'at the very next sunrise',
  'once this chore is done',
] as const;

export const BLESSINGS = [
  'Keep your tail high.',
  'Trust your whiskers.',
  'Share a slow blink with someone today.',
  'A good stretch opens every door.',
  'Curiosity will serve you well.',
  'Rest well; great things follow a nap.',
  'Your purr is your power.',
  'Land on your feet, as always.',
] as const;

function picker(seed: string) {
  const bytes = createHash('sha256').update(seed).digest();
  let i = 0;
  return <T>(list: readonly T[]): T => {
    const n = bytes.readUInt16BE(i % (bytes.length - 1));
    i += 2;
    return list[n % list.length];
  };
}

/** Plain, deterministic text for one order. */
export function localFortune(req: FortuneRequest): string {
  const pick = picker(`fortune:${req.orderId}`);
  return `${pick(OPENERS)} ${pick(GIFTS)} ${pick(TIMES)}. ${pick(BLESSINGS)}`;
}

export class LocalFortuneTeller implements FortuneTeller {
  async predict(req: FortuneRequest) {
    return localFortune(req);
  }
}
