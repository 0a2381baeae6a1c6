// CSV (RFC 4180) for spreadsheets: quoted where needed, CRLF line ends, and text cells that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR) are prefixed with an apostrophe.

export type Cell = string | number | boolean | null | undefined | Date;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A rate as a percentage with one decimal (or empty when undefined), for people reading the file. */
export const percent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
