// Callers that exist only once a context has merged: a hiring candidate (token from hiring.assignTests).
import { solveChallenge } from '@mcf/hiring';
import type { TestServer } from '../support/harness.ts';

export const hasHiring = (procs: { path: string }[]) => procs.some((p) => p.path.startsWith('hiring.'));

/** Keep the applicants' proof of work cheap in the security tests' servers. */
export const SECURITY_ENV = { MCF_HIRING_POW_BITS: '4' };

/** A candidate's token, through the public hiring flow: challenge, apply, a manager assigns a test. */
export async function candidateToken(s: TestServer): Promise<string> {
  const anon = s.anon;
  const manager = s.client(await s.managerToken());
  const ch = await anon.hiring.challenge.query();
  const proof = { challenge: ch.challenge, nonce: solveChallenge(ch.challenge, ch.bits) };
  const { applicationId } = await anon.hiring.apply.mutate({
    name: 'Security Probe',
    age: 3,
    breed: 'Tabby',
    coatColor: 'grey',
    contact: `probe.${Date.now()}@cats.example`,
    proof,
  } as never);
  const { candidateToken } = await manager.hiring.assignTests.mutate({ applicationId, tests: [{ kind: 'puzzle' }] } as never);
  if (typeof candidateToken !== 'string') throw new Error('hiring.assignTests gave no candidateToken: update apps/server/test/security/roles.ts');
  return candidateToken;
}
