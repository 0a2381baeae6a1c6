// Callers that exist only once a context has merged: a hiring candidate (token from hiring.assignTests).
import type { TestServer } from '../support/harness.ts';

export const hasHiring = (procs: { path: string }[]) => procs.some((p) => p.path.startsWith('hiring.'));

/**
 * A candidate's token, through the public hiring flow (docs/api.md): apply, then a manager assigns
 * tests. If hiring's inputs differ from the contract, fix this helper when hiring merges.
 */
export async function candidateToken(s: TestServer): Promise<string> {
  const anon = s.anon as any;
  const manager = s.client(await s.managerToken()) as any;
  const { applicationId } = await anon.hiring.apply.mutate({ name: 'Security Probe', age: 3, breed: 'tabby', coatColor: 'grey', contact: 'probe@test.mcf' });
  const kinds = (await manager.hiring.testKinds.query()) as unknown[];
  const first = kinds[0] as { kind?: string; name?: string } | string | undefined;
  const kind = typeof first === 'string' ? first : (first?.kind ?? first?.name);
  const { candidateToken } = await manager.hiring.assignTests.mutate({ applicationId, tests: kind ? [{ kind, params: {} }] : [] });
  if (typeof candidateToken !== 'string') throw new Error('hiring.assignTests gave no candidateToken: update apps/server/test/security/roles.ts');
  return candidateToken;
}
