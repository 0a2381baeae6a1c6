// The one list of installed kinds of test. Adding a kind: a folder `src/kinds/<kind>/` exporting a
// `defineKind({...})`, and one line here. Nothing else changes (see docs/hiring.md).
import { interview } from './interview/index.ts';
import { puzzle } from './puzzle/index.ts';
import { reflex } from './reflex/index.ts';
import type { TestKind } from './types.ts';

export const INSTALLED_KINDS: readonly TestKind[] = [reflex, puzzle, interview];

export type KindRegistry = ReadonlyMap<string, TestKind>;

export function kindRegistry(kinds: readonly TestKind[] = INSTALLED_KINDS): KindRegistry {
  const m = new Map<string, TestKind>();
  for (const k of kinds) {
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(k.kind)) throw new Error(`test kind id "${k.kind}" must be lower-case`);
    if (m.has(k.kind)) throw new Error(`test kind "${k.kind}" is registered twice`);
    m.set(k.kind, k);
  }
  return m;
}

export * from './types.ts';
