// The score distribution of the whole population, with the cut-off line: an SVG chart.
import { chartGeometry, type Bin } from './chart.ts';

export function DistributionChart({ histogram, cutoffScore, population, passCount }: { histogram: Bin[]; cutoffScore: number | null; population: number; passCount: number }) {
  const g = chartGeometry(histogram, cutoffScore);
  const baseY = g.height - 28;
  return (
    <svg viewBox={`0 0 ${g.width} ${g.height}`} className="chart" role="img" aria-label={`Score distribution of ${population} candidates; ${passCount} pass`} data-testid="distribution-chart">
      <line x1={36} y1={baseY} x2={g.width - 12} y2={baseY} stroke="#999" />
      {g.bars.map((b, i) => (
        <rect key={i} x={b.x} y={b.y} width={b.w} height={b.h} fill={b.passes ? '#1f8a4c' : '#c9c4bb'}>
          <title>
            {b.from.toFixed(2)} … {b.to.toFixed(2)}: {b.count}
          </title>
        </rect>
      ))}
      {g.xTicks.map((t) => (
        <text key={t.label} x={t.x} y={g.height - 10} fontSize="11" textAnchor="middle" fill="#6b6f76">
          {t.label}
        </text>
      ))}
      <text x={30} y={18} fontSize="11" textAnchor="end" fill="#6b6f76">
        {g.maxCount}
      </text>
      {g.cutoffX !== null && (
        <g data-testid="cutoff-line">
          <line x1={g.cutoffX} y1={8} x2={g.cutoffX} y2={baseY} stroke="#c2571a" strokeWidth={2} strokeDasharray="4 3" />
          <text x={g.cutoffX + 4} y={20} fontSize="11" fill="#c2571a">
            cut-off {cutoffScore!.toFixed(4)}
          </text>
        </g>
      )}
    </svg>
  );
}
