// The matching team's own language. A request for help is described by its **reference sample**
// (the client's side: what is needed, when, whom to avoid); every worker is a **normal sample**.
// Nothing outside `src/matching/` speaks this language: `boundary.ts` translates both ways.

export interface ReferenceSample {
  id: string;
  /** The kind of work (service type id). */
  kind: string;
  /** When the work is needed (epoch ms). */
  at: number;
  /** Normal samples the reference must not be paired with again if any other exists (rebooks). */
  avoid: readonly string[];
}

export interface NormalSample {
  id: string;
  /** −1 (weakness) … +1 (strength) per trait. */
  traits: Readonly<Record<string, number>>;
  /** Already paired with another reference overlapping this one's time. */
  busy: boolean;
  /** Past results. */
  completed: number;
  failed: number;
  noShows: number;
  /** Quality reviews that found the sample at fault, and reviews in total. */
  faultFindings: number;
  reviews: number;
  /** Currently open pairings (load balance). */
  load: number;
}

/** One step as configured (data, not code): which kind, how much it weighs, its parameters. */
export interface StepConfig {
  name: string;
  kind: string;
  weight?: number;
  params?: Record<string, unknown>;
}

export interface PipelineConfig {
  steps: StepConfig[];
}

export interface StepScore {
  raw: number;
  weighted: number;
}

export interface SampleExplanation {
  id: string;
  total: number;
  /** Per score step: the raw value (0…1) and its weighted contribution. Per filter: 1 kept / 0 removed. */
  scores: Record<string, StepScore>;
}

export interface PairingExplanation {
  pipelineVersion: number;
  /** Every filter together removed every sample, so the pipeline ran again without filters. */
  fallback: boolean;
  candidates: number;
  eligible: number;
  /** How many samples each filter removed (in the filtered pass). */
  removedBy: Record<string, number>;
  steps: { name: string; kind: string; type: 'filter' | 'score' | 'shortlist'; weight: number }[];
  chosen: SampleExplanation;
  runnersUp: SampleExplanation[];
}

export interface Pairing {
  sampleId: string;
  explanation: PairingExplanation;
}
