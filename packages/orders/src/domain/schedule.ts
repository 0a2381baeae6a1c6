// Time rules of an order: when a worker may check in and when a no-show is declared.
export interface ScheduleRules {
  /** How long after the booked time a worker may still check in (MCF_NO_SHOW_GRACE_SECONDS). */
  graceSeconds: number;
  /** How early before the booked time a check-in is accepted (MCF_CHECK_IN_EARLY_MINUTES). */
  earlyMinutes: number;
}

export function scheduleRules(env: Record<string, string | undefined>): ScheduleRules {
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) : d);
  return { graceSeconds: num(env.MCF_NO_SHOW_GRACE_SECONDS, 900), earlyMinutes: num(env.MCF_CHECK_IN_EARLY_MINUTES, 30) };
}

export const noShowDeadline = (scheduledAt: Date, r: ScheduleRules) => new Date(scheduledAt.getTime() + r.graceSeconds * 1000);
export const checkInOpensAt = (scheduledAt: Date, r: ScheduleRules) => new Date(scheduledAt.getTime() - r.earlyMinutes * 60_000);

export type CheckInWindow = { ok: true } | { ok: false; message: string };

export function checkInWindow(now: Date, scheduledAt: Date, r: ScheduleRules): CheckInWindow {
  if (now < checkInOpensAt(scheduledAt, r)) return { ok: false, message: `Check-in opens ${r.earlyMinutes} minutes before the booked time (${scheduledAt.toISOString()})` };
  if (now > noShowDeadline(scheduledAt, r)) return { ok: false, message: 'The check-in window has closed; the order counts as a no-show' };
  return { ok: true };
}

/** How long one order keeps its worker busy, for the availability check (a service's slot). */
export const DEFAULT_SLOT_MINUTES = 120;
