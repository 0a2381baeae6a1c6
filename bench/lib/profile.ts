// Summarises a V8 CPU profile (`node --cpu-prof`): self time by function and by package.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function packageOf(url: string) {
  if (!url) return '(native/vm)';
  const m = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith('node:')) return url;
  const w = url.match(/\/(packages\/[^/]+|apps\/[^/]+|db)\//);
  return w ? w[1] : url;
}

export function summariseProfile(file: string, top = 15): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  // Percentages of the time the process was busy (idle samples left out).
  const idle = p.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((a, n) => a + (n.hitCount ?? 0), 0);
  const total = Math.max(1, p.samples.length - idle);
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)') continue;
    const cf = n.callFrame;
    const short = cf.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*?\/(packages|apps|db)\//, '$1/');
    const key = `${cf.functionName || '(anonymous)'} ${short}:${cf.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + hits);
    const pkg = packageOf(cf.url);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + hits);
  }
  const pct = (h: number) => `${((h / total) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`profile ${file}: ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s, ${total} busy samples (${idle} idle left out)`, 'self time by package:'];
  for (const [k, h] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 10)) lines.push(`  ${pct(h)}  ${k}`);
  lines.push('self time by function:');
  for (const [k, h] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(h)}  ${k}`);
  return lines.join('\n');
}
