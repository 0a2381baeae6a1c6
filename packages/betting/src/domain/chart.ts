// A small SVG line chart of how the odds of each outcome moved (pure string building, no DOM).
import { OUTCOMES, type Outcome } from './types.ts';

export interface OddsPoint {
  at: string;
  poolCents: number;
  outcomes: Record<Outcome, { stakeCents: number; odds: number | null }>;
}

export const OUTCOME_COLOURS: Record<Outcome, string> = { completed: '#2e7d32', canceled: '#f9a825', failed: '#c62828' };

export function oddsChartSvg(points: readonly OddsPoint[], opts: { width?: number; height?: number } = {}): string {
  const w = opts.width ?? 320;
  const h = opts.height ?? 120;
  const pad = 24;
  const values = points.flatMap((p) => OUTCOMES.map((o) => p.outcomes[o].odds).filter((v): v is number => v !== null));
  const max = Math.max(2, ...values);
  const x = (i: number) => pad + (points.length <= 1 ? 0 : (i * (w - 2 * pad)) / (points.length - 1));
  const y = (v: number) => h - pad - ((v - 1) / (max - 1)) * (h - 2 * pad);
  const lines = OUTCOMES.map((o) => {
    const segs: string[] = [];
    points.forEach((p, i) => {
      const v = p.outcomes[o].odds;
      if (v !== null) segs.push(`${segs.length ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    return segs.length ? `<path d="${segs.join(' ')}" fill="none" stroke="${OUTCOME_COLOURS[o]}" stroke-width="2"><title>${o}</title></path>` : '';
  }).join('');
  const axis = `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#999"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#999"/>`;
  const labels = `<text x="2" y="${pad + 4}" font-size="10">${max.toFixed(1)}</text><text x="2" y="${h - pad + 4}" font-size="10">1.0</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="odds over time">${axis}${labels}${lines}</svg>`;
}
