// Cat-units on screen, integer cents on the wire.
export function formatCu(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en')}.${String(abs % 100).padStart(2, '0')} CU`;
}

/** "12", "12.5", "12.50" → 1250; anything else → null. */
export function parseCu(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || 0);
  return cents > 0 ? cents : null;
}

export const formatOdds = (odds: number | null) => (odds === null ? '—' : `${odds.toFixed(2)}×`);

export const OUTCOME_LABEL = { completed: 'Completed', canceled: 'Canceled', failed: 'Failed' } as const;
export type Outcome = keyof typeof OUTCOME_LABEL;
export const OUTCOME_LIST = Object.keys(OUTCOME_LABEL) as Outcome[];
