// Every installed kind scores its own known answers to its known traits; the registry takes any kind
// that follows the contract, with no change elsewhere.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineKind, INSTALLED_KINDS, kindRegistry, KindInputError } from '../src/kinds/index.ts';
import { puzzle } from '../src/kinds/puzzle/index.ts';
import { interview } from '../src/kinds/interview/index.ts';
import { reflex } from '../src/kinds/reflex/index.ts';

const at = new Date('2026-01-05T09:00:00Z');

describe.each(INSTALLED_KINDS.map((k) => [k.kind, k] as const))('kind %s', (_, kind) => {
  it('has defaults for every parameter and at least two known examples', () => {
    expect(kind.params.safeParse({}).success).toBe(true);
    expect(kind.examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(kind.examples.map((e) => [e.name, e] as const))('scores "%s" as expected', (_, ex) => {
    const params = kind.params.parse(ex.params);
    const answer = kind.answer.parse(ex.answer);
    const r = kind.score(params, answer, { seed: 'seed-1', startedAt: at, submittedAt: new Date(at.getTime() + ex.elapsedMs) });
    for (const [t, v] of Object.entries(ex.expect)) expect(r.traits[t], t).toBeCloseTo(v, 4);
    for (const v of Object.values(r.traits)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(r.summary.length).toBeGreaterThan(0);
  });

  it('shows the same test for the same seed and never leaks an answer key', () => {
    const p = kind.params.parse({});
    const view = JSON.stringify(kind.present(p, 'seed-1'));
    expect(JSON.stringify(kind.present(p, 'seed-1'))).toBe(view);
    expect(view).not.toMatch(/"answer"/);
  });
});

describe('kind specifics', () => {
  it('reflex: delays are within the parameters', () => {
    const v = reflex.present(reflex.params.parse({ rounds: 10, minDelayMs: 500, maxDelayMs: 900 }), 'x') as { delaysMs: number[] };
    expect(v.delaysMs).toHaveLength(10);
    for (const d of v.delaysMs) expect(d >= 500 && d <= 900).toBe(true);
    expect(reflex.params.safeParse({ minDelayMs: 900, maxDelayMs: 500 }).success).toBe(false);
  });

  it('puzzle: the bank questions shown are scored against their key', () => {
    const p = puzzle.params.parse({ count: 3 });
    const v = puzzle.present(p, 's') as { questions: { id: string }[] };
    expect(v.questions).toHaveLength(3);
    expect(() => puzzle.score(p, { answers: [0] }, { seed: 's', startedAt: at, submittedAt: at })).toThrow(KindInputError);
  });

  it('interview: every topic must be rated', () => {
    const p = interview.params.parse({});
    expect(() => interview.score(p, { ratings: { friendliness: 5 } }, { seed: 's', startedAt: null, submittedAt: at })).toThrow(/missing/);
  });
});

describe('the registry (plug-ins)', () => {
  it('takes a new kind defined entirely in its own module', () => {
    const nap = defineKind({
      kind: 'nap',
      title: 'Nap test',
      description: 'How long can you nap on demand?',
      takenBy: 'candidate',
      traits: ['calm'],
      params: z.object({ targetMinutes: z.number().int().min(1).default(20) }),
      answer: z.object({ minutes: z.number().min(0) }),
      present: (p) => ({ type: 'nap', target: p.targetMinutes }),
      score: (p, a) => ({ traits: { calm: Math.max(-1, Math.min(1, a.minutes / p.targetMinutes - 1)) }, summary: `${a.minutes} min` }),
      examples: [{ name: 'on target', params: { targetMinutes: 20 }, answer: { minutes: 20 }, elapsedMs: 0, expect: { calm: 0 } }],
    });
    const reg = kindRegistry([...INSTALLED_KINDS, nap]);
    expect([...reg.keys()]).toEqual(['reflex', 'puzzle', 'interview', 'nap']);
  });

  it('refuses two kinds with one id', () => {
    expect(() => kindRegistry([reflex, reflex])).toThrow(/twice/);
  });
});
