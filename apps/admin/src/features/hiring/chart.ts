// The geometry of the distribution chart, as a pure function (the component only draws it).
export interface Bin {
  from: number;
  to: number;
  count: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  bars: { x: number; y: number; w: number; h: number; count: number; from: number; to: number; passes: boolean }[];
  cutoffX: number | null;
  xTicks: { x: number; label: string }[];
  maxCount: number;
}

const PAD = { left: 36, right: 12, top: 12, bottom: 28 };

export function chartGeometry(bins: Bin[], cutoffScore: number | null, width = 640, height = 240, lo = -1, hi = 1): ChartGeometry {
  const innerW = width - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + ((v - lo) / (hi - lo)) * innerW;
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const bars = bins.map((b) => {
    const h = (b.count / maxCount) * innerH;
    return { x: x(b.from) + 1, y: PAD.top + innerH - h, w: Math.max(1, x(b.to) - x(b.from) - 2), h, count: b.count, from: b.from, to: b.to, passes: cutoffScore !== null && b.to > cutoffScore };
  });
  const xTicks = [-1, -0.5, 0, 0.5, 1].filter((v) => v >= lo && v <= hi).map((v) => ({ x: x(v), label: String(v) }));
  return { width, height, bars, cutoffX: cutoffScore === null ? null : x(cutoffScore), xTicks, maxCount };
}
