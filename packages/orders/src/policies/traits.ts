// Strengths and weaknesses from hiring's tests become the worker's traits for matching.
import type { Reaction } from '@mcf/kernel';
import type { CandidateAcceptedIn } from '../events.ts';
import { scoped } from './roster.ts';

export function traitsReaction(): Reaction {
  return {
    name: 'orders.traits',
    on: ['hiring.candidateAccepted'],
    async run(raw, event) {
      const p = event.payload as CandidateAcceptedIn;
      if (!p?.workerId) return;
      const traits: Record<string, number> = {};
      for (const [k, v] of Object.entries(p.traits ?? {})) if (typeof v === 'number' && Number.isFinite(v)) traits[k] = Math.max(-1, Math.min(1, v));
      await scoped(raw)
        .insertInto('worker_traits')
        .values({ worker_id: p.workerId, application_id: p.applicationId ?? null, traits: JSON.stringify(traits), updated_at: event.at })
        .onConflict((oc) => oc.column('worker_id').doUpdateSet({ traits: JSON.stringify(traits), application_id: p.applicationId ?? null, updated_at: event.at }))
        .execute();
    },
  };
}
