// A hand-written SVG bar chart of a worker's net earnings by month (earnings − fines + credits).
// Bars below the line are months where fines outweighed earnings.
import type { Statement } from './billingParts.tsx';
import { cu } from './billingParts.tsx';

type Month = Statement['earningsByMonth'][number];

const W = 640;
const H = 220;
const PAD = { top: 16, right: 8, bottom: 28, left: 8 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function EarningsChart({ months }: { months: Month[] }) {
  if (months.length === 0) return null;
  const max = Math.max(1, ...months.map((m) => m.netCents));
  const min = Math.min(0, ...months.map((m) => m.netCents));
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + ((max - v) / (max - min)) * plotH;
  const slot = (W - PAD.left - PAD.right) / months.length;
  const barW = Math.max(4, slot * 0.64);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Earnings by month" className="chart" data-testid="earnings-chart">
      <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="axis" />
      {months.map((m, i) => {
        const x = PAD.left + i * slot + (slot - barW) / 2;
        const top = Math.min(y(m.netCents), y(0));
        const h = Math.max(m.netCents === 0 ? 0 : 1, Math.abs(y(m.netCents) - y(0)));
        const label = MONTHS[Number(m.month.slice(5, 7)) - 1];
        return (
          <g key={m.month} data-month={m.month} data-net={m.netCents}>
            <title>{`${m.month}: earned ${cu(m.earningsCents)}, fines ${cu(m.finesCents)}, credits ${cu(m.creditsCents)}, net ${cu(m.netCents)}`}</title>
            <rect x={x} y={top} width={barW} height={h} rx={3} className={m.netCents < 0 ? 'bar bar-minus' : 'bar'} />
            {m.netCents !== 0 && (
              <text x={x + barW / 2} y={m.netCents < 0 ? top + h + 11 : top - 4} textAnchor="middle" className="value">
                {Math.round(m.netCents / 100)}
              </text>
            )}
            <text x={x + barW / 2} y={H - 8} textAnchor="middle" className="label">
              {label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
