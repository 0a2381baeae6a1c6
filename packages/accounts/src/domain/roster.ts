// The Happy Cat Box tester roster: rows as they come from the admin app, a JSON file or a CSV file.
// Pure parsing and validation; the import itself lives in ../testers.ts.
import { z } from 'zod';

export const testerSchema = z.object({
  externalId: z.string().trim().min(1, 'is required').max(120),
  name: z.string().trim().min(1, 'is required').max(120),
  email: z.string().trim().email('must be an email address').max(254),
});
export type TesterRow = z.infer<typeof testerSchema>;

export const MAX_TESTERS_PER_IMPORT = 1000;
export const testersSchema = z.array(testerSchema).min(1, 'needs at least one tester').max(MAX_TESTERS_PER_IMPORT, `at most ${MAX_TESTERS_PER_IMPORT} testers per import`);

/** One CSV line into fields (RFC 4180 quotes: "a, b" and "" for a quote). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

const HEADER: Record<string, keyof TesterRow> = { externalid: 'externalId', external_id: 'externalId', id: 'externalId', name: 'name', email: 'email' };

/** Parses a roster file: JSON (`[{ externalId, name, email }]` or `{ testers: [...] }`) or CSV with a header row. */
export function parseRoster(text: string): unknown[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const data = JSON.parse(trimmed) as unknown;
    if (Array.isArray(data)) return data;
    const testers = (data as { testers?: unknown }).testers;
    if (Array.isArray(testers)) return testers;
    throw new Error('a JSON roster is an array of testers or { "testers": [...] }');
  }
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = csvFields(lines[0]).map((h) => HEADER[h.toLowerCase().replace(/\s+/g, '')]);
  for (const need of ['externalId', 'name', 'email'] as const) {
    if (!header.includes(need)) throw new Error(`the CSV header must name the columns externalId, name and email (missing ${need})`);
  }
  return lines.slice(1).map((line) => {
    const f = csvFields(line);
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h) row[h] = f[i] ?? '';
    });
    return row;
  });
}
