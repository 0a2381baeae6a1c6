// The pipeline configuration: data that managers edit (stored in the DB, versioned).
import { z } from 'zod';
import type { PipelineConfig } from './language.ts';
import { STEP_KINDS } from './steps.ts';

export const DEFAULT_PIPELINE: PipelineConfig = {
  steps: [
    { name: 'available', kind: 'available' },
    { name: 'another-worker-on-rebook', kind: 'notAvoided' },
    { name: 'reliability', kind: 'reliability', weight: 3 },
    { name: 'quality', kind: 'quality', weight: 2 },
    { name: 'traits', kind: 'traits', weight: 2 },
    { name: 'load-balance', kind: 'loadBalance', weight: 1 },
  ],
};

const stepSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(60),
  kind: z.string().min(1),
  weight: z.number().finite().min(-1000).max(1000).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const pipelineConfigSchema = z
  .object({ steps: z.array(stepSchema).min(1, 'needs at least one step').max(50) })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.steps.forEach((s, i) => {
      if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'name'], message: `duplicate step name ${s.name}` });
      seen.add(s.name);
      const kind = STEP_KINDS[s.kind];
      if (!kind) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'kind'], message: `unknown kind ${s.kind}; known: ${Object.keys(STEP_KINDS).join(', ')}` });
        return;
      }
      const p = kind.params.safeParse(s.params ?? {});
      if (!p.success) ctx.addIssue({ code: 'custom', path: ['steps', i, 'params'], message: p.error.issues.map((x) => `${x.path.join('.') || 'params'}: ${x.message}`).join('; ') });
    });
  });

export function describeStepKinds() {
  return Object.entries(STEP_KINDS).map(([kind, k]) => ({ kind, type: k.type, describe: k.describe }));
}
