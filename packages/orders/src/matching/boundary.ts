// The boundary of the matching module: orders speak of clients, workers and orders; matching speaks
// of reference and normal samples. Translation happens here and nowhere else.
import type { NormalSample, PairingExplanation, PipelineConfig, ReferenceSample } from './language.ts';
import { runPipeline } from './pipeline.ts';

/** What orders knows about a worker at matching time. */
export interface WorkerFacts {
  workerId: string;
  traits: Record<string, number>;
  busyAtBookedTime: boolean;
  completedOrders: number;
  failedOrders: number;
  noShows: number;
  faultFindings: number;
  reviews: number;
  activeOrders: number;
}

/** What orders knows about the order being matched. */
export interface OrderToMatch {
  orderId: string;
  serviceTypeId: string;
  scheduledAt: Date;
  /** Workers not to give this order to if anyone else exists (the worker of the failed original). */
  avoidWorkerIds: string[];
}

export interface MatchResult {
  workerId: string;
  explanation: PairingExplanation;
}

export const toReference = (o: OrderToMatch): ReferenceSample => ({ id: o.orderId, kind: o.serviceTypeId, at: o.scheduledAt.getTime(), avoid: o.avoidWorkerIds });

export const toNormal = (w: WorkerFacts): NormalSample => ({
  id: w.workerId,
  traits: w.traits,
  busy: w.busyAtBookedTime,
  completed: w.completedOrders,
  failed: w.failedOrders,
  noShows: w.noShows,
  faultFindings: w.faultFindings,
  reviews: w.reviews,
  load: w.activeOrders,
});

export function matchWorker(order: OrderToMatch, workers: readonly WorkerFacts[], pipeline: { version: number; config: PipelineConfig }): MatchResult | null {
  const pairing = runPipeline(toReference(order), workers.map(toNormal), pipeline.config, pipeline.version);
  return pairing ? { workerId: pairing.sampleId, explanation: pairing.explanation } : null;
}
