// A manager-scored interview: a manager talks to the cat and rates each topic from 1 to 5.
// The portal only tells the candidate that an interview is planned and what it is about.
import { z } from 'zod';
import { traitName } from '../../domain/scoring.ts';
import { defineKind, KindInputError } from '../types.ts';

const params = z.object({
  /** Each topic becomes a trait of the same name. */
  topics: z.array(traitName).min(1).max(8).default(['friendliness', 'tidiness', 'curiosity']),
  /** What the candidate is told to expect. */
  note: z.string().trim().max(500).default('A manager will call you for a short conversation.'),
});

export const interview = defineKind({
  kind: 'interview',
  title: 'Interview',
  description: 'A conversation with a manager, who rates each topic from 1 (weak) to 5 (strong).',
  takenBy: 'manager',
  traits: ['friendliness', 'tidiness', 'curiosity'],
  params,
  answer: z.object({ ratings: z.record(traitName, z.number().int().min(1).max(5)), notes: z.string().max(2000).optional() }),
  present: (p) => ({ type: 'interview', instructions: p.note, topics: p.topics }),
  score(p, a) {
    const missing = p.topics.filter((t) => a.ratings[t] === undefined);
    if (missing.length) throw new KindInputError(`ratings: missing ${missing.join(', ')}`);
    const extra = Object.keys(a.ratings).filter((t) => !p.topics.includes(t));
    if (extra.length) throw new KindInputError(`ratings: ${extra.join(', ')} was not a topic of this interview`);
    const traits = Object.fromEntries(p.topics.map((t) => [t, (a.ratings[t] - 3) / 2]));
    return { traits, summary: p.topics.map((t) => `${t} ${a.ratings[t]}/5`).join(', ') + (a.notes ? ` — ${a.notes}` : '') };
  },
  examples: [
    { name: 'a charmer', params: { topics: ['friendliness', 'curiosity'], note: '' }, answer: { ratings: { friendliness: 5, curiosity: 3 } }, elapsedMs: 0, expect: { friendliness: 1, curiosity: 0 } },
    { name: 'a grump', params: { topics: ['friendliness', 'tidiness', 'curiosity'], note: '' }, answer: { ratings: { friendliness: 1, tidiness: 2, curiosity: 4 } }, elapsedMs: 0, expect: { friendliness: -1, tidiness: -0.5, curiosity: 0.5 } },
  ],
});
