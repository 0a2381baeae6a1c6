// Hand-rolled SVG charts for docs/bench/: grouped horizontal bars, one colour per series, values printed.
export interface Bar {
  label: string;
  value: number | null;
}
export interface Group {
  label: string;
  bars: Bar[];
}

const COLOURS = ['#2f6fde', '#9aa5b1', '#e07b39', '#3aa76d', '#8e5bd0'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function fmt(v: number) {
  const a = Math.abs(v);
  return v.toLocaleString('en-US', { maximumFractionDigits: a >= 100 ? 0 : a >= 10 ? 1 : 2 });
}

/** A "nice" axis maximum: 1, 2 or 5 times a power of ten at or above `max`. */
function niceMax(max: number) {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export function barChart(o: { title: string; unit: string; groups: Group[]; width?: number }): string {
  const width = o.width ?? 760;
  const left = 190;
  const right = 90;
  const barH = 18;
  const gap = 4;
  const groupGap = 16;
  const top = 44;
  const series = [...new Set(o.groups.flatMap((g) => g.bars.map((b) => b.label)))];
  const legendH = 24;
  const plotW = width - left - right;
  const values = o.groups.flatMap((g) => g.bars.map((b) => b.value ?? 0));
  const max = niceMax(Math.max(0, ...values));
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const x = (v: number) => left + ((v - min) / span) * plotW;
  let y = top;
  const parts: string[] = [];
  for (const g of o.groups) {
    const h = g.bars.length * (barH + gap) - gap;
    parts.push(`<text x="${left - 8}" y="${y + h / 2 + 4}" text-anchor="end" class="g">${esc(g.label)}</text>`);
    for (const b of g.bars) {
      const colour = COLOURS[series.indexOf(b.label) % COLOURS.length];
      if (b.value === null) {
        parts.push(`<text x="${x(0) + 4}" y="${y + barH - 5}" class="v">n/a</text>`);
      } else {
        const x0 = x(Math.min(0, b.value));
        const w = Math.max(1, Math.abs(x(b.value) - x(0)));
        parts.push(`<rect x="${x0.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${colour}" rx="2"><title>${esc(b.label)}: ${fmt(b.value)} ${esc(o.unit)}</title></rect>`);
        parts.push(`<text x="${(x0 + w + 4).toFixed(1)}" y="${y + barH - 5}" class="v">${fmt(b.value)} ${esc(o.unit)}</text>`);
      }
      y += barH + gap;
    }
    y += groupGap;
  }
  const plotBottom = y - groupGap + 4;
  const axis: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = min + (span * i) / 4;
    const xv = x(v);
    axis.push(`<line x1="${xv.toFixed(1)}" y1="${top - 6}" x2="${xv.toFixed(1)}" y2="${plotBottom}" class="grid"/>`);
    axis.push(`<text x="${xv.toFixed(1)}" y="${plotBottom + 14}" text-anchor="middle" class="a">${fmt(v)}</text>`);
  }
  const legendY = plotBottom + 34;
  const legend = series.map((s, i) => {
    const lx = left + i * 220;
    return `<rect x="${lx}" y="${legendY - 10}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/><text x="${lx + 18}" y="${legendY}" class="l">${esc(s)}</text>`;
  });
  const height = legendY + legendH - 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    `<style>.t{font-size:15px;font-weight:600;fill:#1f2933}.g{font-size:12px;fill:#323f4b}.v{font-size:11px;fill:#323f4b}.a{font-size:10px;fill:#7b8794}.l{font-size:12px;fill:#323f4b}.grid{stroke:#e4e7eb;stroke-width:1}</style>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="24" class="t">${esc(o.title)}</text>`,
    ...axis,
    ...parts,
    `<text x="${width - right + 8}" y="${plotBottom + 14}" class="a">${esc(o.unit)}</text>`,
    ...legend,
    `</svg>`,
    '',
  ].join('\n');
}
