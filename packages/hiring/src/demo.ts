// A believable demo population: applicants who took a puzzle and an interview through the same use
// cases as real ones (no proof of work: this runs inside the server). Idempotent: only on an empty pipeline.
import type { CandidateCaller } from '@mcf/kernel';
import { seeded } from './kinds/index.ts';
import { BANK } from './kinds/puzzle/bank.ts';
import type { HiringService } from './service.ts';

const NAMES = ['Whiskers', 'Mittens', 'Socks', 'Tiger', 'Smudge', 'Patches', 'Boots', 'Marble', 'Pebbles', 'Saffron', 'Juniper', 'Clover', 'Nimbus', 'Toffee', 'Bramble', 'Hazel', 'Sprout', 'Willow', 'Maple', 'Olive'];
const BREEDS = ['Tabby', 'Siamese', 'Maine Coon', 'Persian', 'Bengal', 'Sphynx', 'Ragdoll', 'British Shorthair'];
const COATS = ['ginger', 'black', 'white', 'grey', 'calico', 'tortoiseshell', 'cream', 'tabby brown'];

export async function seedHiringDemo(svc: HiringService, managerId: string, count: number, onStep: () => void = () => undefined) {
  const existing = await svc.listApplications(undefined, 1);
  if (existing.applications.length > 0) return { created: 0 };
  const rnd = seeded('mcf-demo');
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  for (let i = 0; i < count; i++) {
    const name = `${pick(NAMES)} ${String.fromCharCode(65 + (i % 26))}.`;
    const { applicationId } = await svc.apply(
      { name, age: 1 + Math.floor(rnd() * 12), breed: pick(BREEDS), coatColor: pick(COATS), contact: `applicant${i + 1}@cats.demo` },
      'demo',
      null,
      null,
    );
    // A quarter stay new, the rest took a puzzle and an interview.
    if (i % 4 !== 0) {
      await svc.assignTests(applicationId, [{ kind: 'puzzle', params: { count: 4 } }, { kind: 'interview' }], managerId);
      const me: CandidateCaller = { kind: 'candidate', candidateId: applicationId, applicationId };
      const tests = (await svc.candidateMe(me)).tests;
      const view = (await svc.candidateStart(me, tests[0].id)).view as { questions: { id: string }[] };
      const skill = rnd();
      const answers = view.questions.map((q) => (rnd() < skill ? BANK.find((b) => b.id === q.id)!.answer : Math.floor(rnd() * 4)));
      await svc.candidateSubmit(me, tests[0].id, { answers });
      const rate = () => Math.max(1, Math.min(5, Math.round(1 + skill * 3 + rnd() * 1.5)));
      await svc.recordResult(tests[1].id, { ratings: { friendliness: rate(), tidiness: rate(), curiosity: rate() } });
    }
    onStep();
  }
  return { created: count };
}
