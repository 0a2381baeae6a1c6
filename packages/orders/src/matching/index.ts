// The matching module's public face for the rest of the orders context.
export { matchWorker, type WorkerFacts, type OrderToMatch, type MatchResult } from './boundary.ts';
export { DEFAULT_PIPELINE, pipelineConfigSchema, describeStepKinds } from './config.ts';
export type { PipelineConfig, StepConfig, PairingExplanation } from './language.ts';
