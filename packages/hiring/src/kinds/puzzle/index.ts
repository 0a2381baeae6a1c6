// A puzzle with an answer key: multiple-choice questions from the built-in bank (or the manager's own),
// scored on correctness and on the time used against the limit.
import { z } from 'zod';
import { defineKind, KindInputError, scale, seeded } from '../types.ts';
import { BANK, type Puzzle } from './bank.ts';

const ownQuestion = z
  .object({
    prompt: z.string().trim().min(1).max(500),
    choices: z.array(z.string().trim().min(1).max(200)).min(2).max(6),
    answer: z.number().int().min(0),
  })
  .refine((q) => q.answer < q.choices.length, { message: 'answer must be the index of one of the choices', path: ['answer'] });

const params = z.object({
  /** How many questions from the bank (ignored when `questions` are given). */
  count: z.number().int().min(1).max(BANK.length).default(5),
  timeLimitSeconds: z.number().int().min(10).max(3600).default(300),
  /** A manager's own questions with their answer key, instead of the bank. */
  questions: z.array(ownQuestion).min(1).max(20).optional(),
});
type Params = z.infer<typeof params>;

function chosen(p: Params, seed: string): Puzzle[] {
  if (p.questions) return p.questions.map((q, i) => ({ id: `q${i + 1}`, ...q }));
  const rnd = seeded(seed);
  const order = BANK.map((q) => ({ q, r: rnd() })).sort((a, b) => a.r - b.r);
  return order.slice(0, p.count).map((x) => x.q);
}

export const puzzle = defineKind({
  kind: 'puzzle',
  title: 'Puzzle',
  description: 'Multiple-choice puzzles with one right answer each, against a time limit.',
  takenBy: 'candidate',
  traits: ['problemSolving', 'speed'],
  params,
  answer: z.object({ answers: z.array(z.number().int().min(-1).max(10)).max(20) }),
  present: (p, seed) => ({
    type: 'puzzle',
    instructions: `Choose one answer for each question. You have ${p.timeLimitSeconds} seconds.`,
    timeLimitSeconds: p.timeLimitSeconds,
    questions: chosen(p, seed).map((q) => ({ id: q.id, prompt: q.prompt, choices: q.choices })),
  }),
  score(p, a, ctx) {
    const qs = chosen(p, ctx.seed);
    if (a.answers.length !== qs.length) throw new KindInputError(`answers: expected ${qs.length} answers (use -1 for none)`);
    const correct = qs.filter((q, i) => a.answers[i] === q.answer).length;
    const elapsedS = ctx.startedAt ? (ctx.submittedAt.getTime() - ctx.startedAt.getTime()) / 1000 : p.timeLimitSeconds;
    const late = elapsedS > p.timeLimitSeconds;
    // Answers given after the limit do not count; a fast wrong answer is not a strength, so speed is
    // weighed by the share of right answers.
    const share = late ? 0 : correct / qs.length;
    const problemSolving = scale(share, 0, 1);
    const speed = late ? -1 : scale(Math.min(1, elapsedS / p.timeLimitSeconds), 1, 0) * share;
    return {
      traits: { problemSolving, speed: Math.round(speed * 10_000) / 10_000 + 0 },
      summary: `${correct}/${qs.length} right in ${Math.round(elapsedS)} s of ${p.timeLimitSeconds} s${late ? ' (late: not counted)' : ''}`,
    };
  },
  examples: [
    {
      name: 'all right, instantly',
      params: { count: 2, timeLimitSeconds: 100, questions: [{ prompt: '1+1?', choices: ['1', '2'], answer: 1 }, { prompt: 'Cats?', choices: ['yes', 'no'], answer: 0 }] },
      answer: { answers: [1, 0] },
      elapsedMs: 0,
      expect: { problemSolving: 1, speed: 1 },
    },
    {
      name: 'half right at half time',
      params: { count: 2, timeLimitSeconds: 100, questions: [{ prompt: '1+1?', choices: ['1', '2'], answer: 1 }, { prompt: 'Cats?', choices: ['yes', 'no'], answer: 0 }] },
      answer: { answers: [1, 1] },
      elapsedMs: 50_000,
      expect: { problemSolving: 0, speed: 0 },
    },
    {
      name: 'all wrong',
      params: { count: 2, timeLimitSeconds: 100, questions: [{ prompt: '1+1?', choices: ['1', '2'], answer: 1 }, { prompt: 'Cats?', choices: ['yes', 'no'], answer: 0 }] },
      answer: { answers: [0, -1] },
      elapsedMs: 10_000,
      expect: { problemSolving: -1, speed: 0 },
    },
    {
      name: 'right but late',
      params: { count: 2, timeLimitSeconds: 100, questions: [{ prompt: '1+1?', choices: ['1', '2'], answer: 1 }, { prompt: 'Cats?', choices: ['yes', 'no'], answer: 0 }] },
      answer: { answers: [1, 0] },
      elapsedMs: 101_000,
      expect: { problemSolving: -1, speed: -1 },
    },
  ],
});
