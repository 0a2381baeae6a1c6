// Events the hiring context publishes (names and payloads are a contract: docs/contracts.md).
import type { NewEvent } from '@mcf/kernel';

export const HIRING = 'hiring';

export interface CandidateAcceptedPayload {
  applicationId: string;
  workerId: string;
  name: string;
  /** −1 (weakness) … +1 (strength). */
  traits: Record<string, number>;
  /** The rest of the profile (added fields; older consumers may ignore them). */
  age: number;
  breed: string;
  coatColor: string;
  hasPhoto: boolean;
  configVersion: number;
}
export type CandidateAccepted = NewEvent<'hiring.candidateAccepted', CandidateAcceptedPayload>;

export const candidateAccepted = (p: CandidateAcceptedPayload): CandidateAccepted => ({
  type: 'hiring.candidateAccepted',
  channels: ['hiring', `worker:${p.workerId}`],
  payload: p,
});

export interface CandidateRejectedPayload {
  applicationId: string;
  configVersion: number;
}
export const candidateRejected = (p: CandidateRejectedPayload): NewEvent<'hiring.candidateRejected', CandidateRejectedPayload> => ({
  type: 'hiring.candidateRejected',
  channels: ['hiring'],
  payload: p,
});

export interface PipelineChangedPayload {
  applicationId: string;
  status: 'new' | 'contacted' | 'testing' | 'decided';
}
/** For the managers' live pipeline; carries no personal data. */
export const pipelineChanged = (p: PipelineChangedPayload): NewEvent<'hiring.pipelineChanged', PipelineChangedPayload> => ({
  type: 'hiring.pipelineChanged',
  channels: ['hiring'],
  payload: p,
});
