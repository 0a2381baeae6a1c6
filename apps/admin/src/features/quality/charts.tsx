// Hand-written SVG charts for the statistics page: no chart library, just scales and shapes.
export interface Series {
  name: string;
  color: string;
}

export const RATE_SERIES: Series[] = [
  { name: 'Failure', color: '#c0392b' },
  { name: 'No-show', color: '#b7791f' },
  { name: 'Cancellation', color: '#2f6db5' },
];

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

/** Ticks at round fractions up to `max` (0–1 rates). */
function rateTicks(max: number) {
  const step = max <= 0.2 ? 0.05 : max <= 0.5 ? 0.1 : 0.25;
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Math.round(t * 100) / 100);
  return out;
}

function niceMax(values: (number | null)[]) {
  const m = Math.max(0.05, ...values.filter((v): v is number => v !== null));
  for (const c of [0.1, 0.2, 0.3, 0.5, 0.75, 1]) if (m <= c) return c;
  return 1;
}

function Legend({ series }: { series: Series[] }) {
  return (
    <div className="chart-legend">
      {series.map((s) => (
        <span key={s.name}>
          <span className="swatch" style={{ background: s.color }} /> {s.name}
        </span>
      ))}
    </div>
  );
}

/** Rates over time: one line per series, a point per label (weeks), gaps where a value is null. */
export function LineChart({ title, labels, series, values, testId }: { title: string; labels: string[]; series: Series[]; values: (number | null)[][]; testId?: string }) {
  const w = 640;
  const h = 240;
  const pad = { l: 48, r: 16, t: 12, b: 40 };
  const max = niceMax(values.flat());
  const x = (i: number) => pad.l + (labels.length <= 1 ? (w - pad.l - pad.r) / 2 : (i * (w - pad.l - pad.r)) / (labels.length - 1));
  const y = (v: number) => h - pad.b - (v / max) * (h - pad.t - pad.b);
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={title}>
        <title>{title}</title>
        {rateTicks(max).map((t) => (
          <g key={t}>
            <line x1={pad.l} x2={w - pad.r} y1={y(t)} y2={y(t)} stroke="#e3e1dc" />
            <text x={pad.l - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#6b6f76">
              {Math.round(t * 100)}%
            </text>
          </g>
        ))}
        {labels.map((l, i) =>
          i % every === 0 ? (
            <text key={l} x={x(i)} y={h - pad.b + 16} textAnchor="middle" fontSize="11" fill="#6b6f76">
              {l.slice(5)}
            </text>
          ) : null,
        )}
        {series.map((s, si) => {
          // Split into runs without nulls, so a missing week is a gap, not a dip to zero.
          const runs: string[][] = [[]];
          values[si].forEach((v, i) => {
            if (v === null) runs.push([]);
            else runs[runs.length - 1].push(`${x(i)},${y(v)}`);
          });
          return (
            <g key={s.name} data-series={s.name}>
              {runs.filter((r) => r.length > 1).map((r, k) => (
                <polyline key={k} points={r.join(' ')} fill="none" stroke={s.color} strokeWidth="2" />
              ))}
              {values[si].map((v, i) =>
                v === null ? null : (
                  <circle key={i} cx={x(i)} cy={y(v)} r="3.5" fill={s.color}>
                    <title>{`${s.name}, week of ${labels[i]}: ${pct(v)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
        <line x1={pad.l} x2={w - pad.r} y1={h - pad.b} y2={h - pad.b} stroke="#6b6f76" />
      </svg>
      <Legend series={series} />
    </figure>
  );
}

/** Horizontal grouped bars: one group per row (a service type, a worker), one bar per series. */
export function BarChart({ title, rows, series, testId }: { title: string; rows: { label: string; values: (number | null)[]; note?: string }[]; series: Series[]; testId?: string }) {
  const w = 640;
  const labelW = 170;
  const bar = 9;
  const gap = 10;
  const group = series.length * bar + gap;
  const pad = { t: 8, b: 24, r: 56 };
  const h = pad.t + rows.length * group + pad.b;
  const max = niceMax(rows.flatMap((r) => r.values));
  const x = (v: number) => labelW + (v / max) * (w - labelW - pad.r);
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${w} ${Math.max(h, 60)}`} role="img" aria-label={title}>
        <title>{title}</title>
        {rateTicks(max).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={pad.t} y2={h - pad.b} stroke="#e3e1dc" />
            <text x={x(t)} y={h - pad.b + 14} textAnchor="middle" fontSize="11" fill="#6b6f76">
              {Math.round(t * 100)}%
            </text>
          </g>
        ))}
        {rows.map((r, ri) => {
          const top = pad.t + ri * group;
          return (
            <g key={`${r.label}-${ri}`}>
              <text x={labelW - 8} y={top + (series.length * bar) / 2 + 4} textAnchor="end" fontSize="12" fill="#1f2328">
                {r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label}
              </text>
              {series.map((s, si) => {
                const v = r.values[si];
                return (
                  <g key={s.name}>
                    <rect x={labelW} y={top + si * bar} width={v ? Math.max(1, x(v) - labelW) : 0} height={bar - 1} fill={s.color}>
                      <title>{`${r.label} — ${s.name}: ${pct(v)}${r.note ? ` (${r.note})` : ''}`}</title>
                    </rect>
                    {v !== null && v > 0 && (
                      <text x={x(v) + 4} y={top + si * bar + bar - 1} fontSize="9" fill="#6b6f76">
                        {pct(v)}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

/** Counts as bars (the most supported hypotheses). */
export function CountBars({ title, rows, testId }: { title: string; rows: { label: string; count: number }[]; testId?: string }) {
  const w = 640;
  const row = 24;
  const labelW = 330;
  const h = rows.length * row + 8;
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${w} ${Math.max(h, 30)}`} role="img" aria-label={title}>
        <title>{title}</title>
        {rows.map((r, i) => (
          <g key={`${r.label}-${i}`}>
            <text x={labelW - 8} y={i * row + 17} textAnchor="end" fontSize="12" fill="#1f2328">
              {r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label}
            </text>
            <rect x={labelW} y={i * row + 5} width={((w - labelW - 40) * r.count) / max} height={row - 8} fill="#c2571a" rx="3">
              <title>{`${r.label}: ${r.count} review${r.count === 1 ? '' : 's'}`}</title>
            </rect>
            <text x={labelW + ((w - labelW - 40) * r.count) / max + 6} y={i * row + 17} fontSize="12" fill="#6b6f76">
              {r.count}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
