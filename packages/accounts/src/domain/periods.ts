// Billing periods in the server's time zone (TZ): a week runs Monday 00:00 to Sunday 24:00 local
// time and is named by its Sunday; a month runs from the 1st 00:00 to the last day 24:00 local time.
// Dates are 'YYYY-MM-DD' strings; instants are Dates. No I/O, no clock: callers pass `now`.
export type LocalDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function parseDate(s: string): { y: number; m: number; d: number } | null {
  const r = DATE.exec(s);
  if (!r) return null;
  const [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function parseMonth(s: string): { y: number; m: number } | null {
  const r = MONTH.exec(s);
  if (!r) return null;
  const [y, m] = [Number(r[1]), Number(r[2])];
  return m >= 1 && m <= 12 && y >= 1970 ? { y, m } : null;
}

export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const fmt = (y: number, m: number, d: number): LocalDate => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

export function addDays(date: LocalDate, n: number): LocalDate {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d + n));
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday (the calendar's, independent of any time zone). */
export function weekday(date: LocalDate): number {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
}

export const isSunday = (date: string) => parseDate(date) !== null && weekday(date) === 0;

const formatters = new Map<string, Intl.DateTimeFormat>();
function wall(at: Date, tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetMs(at: Date, tz: string) {
  const w = wall(at, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The calendar date at `at` in the zone. */
export function localDate(at: Date, tz: string): LocalDate {
  const w = wall(at, tz);
  return fmt(w.year, w.month, w.day);
}

/** The instant the given date begins (00:00) in the zone; if a DST jump skips midnight, the first instant after. */
export function startOfDay(date: LocalDate, tz: string): Date {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  const wallMs = Date.UTC(p.y, p.m - 1, p.d);
  let guess = wallMs - offsetMs(new Date(wallMs), tz);
  for (let i = 0; i < 3; i++) {
    const next = wallMs - offsetMs(new Date(guess), tz);
    if (next === guess) break;
    guess = next;
  }
  // In a gap the wall clock never shows midnight: the day starts when the clock jumps, which is
  // midnight read with the offset in force before the jump.
  if (localDate(new Date(guess), tz) !== date) {
    const candidates = [-6, 6].map((h) => wallMs - offsetMs(new Date(guess + h * 3600_000), tz)).sort((a, b) => a - b);
    const hit = candidates.find((c) => localDate(new Date(c), tz) === date);
    if (hit !== undefined) return new Date(hit);
  }
  return new Date(guess);
}

export interface Period {
  kind: 'client_week' | 'worker_month';
  /** The period's last day: a Sunday, or the month's last day. */
  periodEnd: LocalDate;
  startAt: Date;
  /** The first instant after the period (exclusive end). */
  endAt: Date;
}

export function weekPeriod(sunday: LocalDate, tz: string): Period {
  if (!isSunday(sunday)) throw new RangeError(`${sunday} is not a Sunday`);
  return { kind: 'client_week', periodEnd: sunday, startAt: startOfDay(addDays(sunday, -6), tz), endAt: startOfDay(addDays(sunday, 1), tz) };
}

export function monthPeriod(month: string, tz: string): Period {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  const last = fmt(p.y, p.m, daysInMonth(p.y, p.m));
  return { kind: 'worker_month', periodEnd: last, startAt: startOfDay(fmt(p.y, p.m, 1), tz), endAt: startOfDay(addDays(last, 1), tz) };
}

/** The Sunday that ends the week containing `at` (in the zone). */
export function sundayOfWeek(at: Date, tz: string): LocalDate {
  const d = localDate(at, tz);
  return addDays(d, (7 - weekday(d)) % 7);
}

export const monthOf = (at: Date, tz: string): string => localDate(at, tz).slice(0, 7);

/** The latest week that has fully ended by `now`. */
export function lastEndedWeek(now: Date, tz: string): LocalDate {
  return addDays(sundayOfWeek(now, tz), -7);
}

/** The latest month that has fully ended by `now`. */
export function lastEndedMonth(now: Date, tz: string): string {
  const p = parseMonth(monthOf(now, tz))!;
  return p.m === 1 ? `${pad(p.y - 1, 4)}-12` : `${pad(p.y, 4)}-${pad(p.m - 1)}`;
}

/** The last `n` months up to and including the one containing `now`, oldest first. */
export function recentMonths(now: Date, tz: string, n: number): string[] {
  const p = parseMonth(monthOf(now, tz))!;
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const idx = p.y * 12 + (p.m - 1) - i;
    out.push(`${pad(Math.floor(idx / 12), 4)}-${pad((idx % 12) + 1)}`);
  }
  return out;
}
