/**
 * The floor's working hours per role, as a rule set may name them. An event outside its role's
 * hours is marked "after hours": not an anomaly, but what an office reviewing a person's night
 * should see at once (a team lead's 20:34 status change, say).
 *
 * Hours are read on the wall clock the event was written with (its timestamp's own offset), the
 * floor's local time, not the workstation's.
 */
import { z } from 'zod';
import { FLOOR_ROLES, OPERATOR_ROLES } from '../events/envelope';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is HH:MM, 00:00 to 23:59');

export const shiftSchema = z.object({
  /** Start of the working day, HH:MM (inclusive). */
  from: clock,
  /** End of the working day, HH:MM (exclusive); earlier than `from` for a night shift across midnight. */
  to: clock,
  /** ISO weekdays worked (1 Monday … 7 Sunday); every day when absent. */
  days: z.array(z.number().int().min(1).max(7)).min(1).optional(),
});
export type Shift = z.infer<typeof shiftSchema>;

const ROLE_NAMES = [...new Set<string>([...FLOOR_ROLES, ...OPERATOR_ROLES])] as [string, ...string[]];

/** Per role; a role not named works any time. */
export const workingHoursSchema = z.partialRecord(z.enum(ROLE_NAMES), shiftSchema);
export type WorkingHours = z.infer<typeof workingHoursSchema>;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** Whether an event at `timestamp` by someone in `role` falls outside the role's working hours. */
export function isAfterHours(timestamp: string, role: string, hours: WorkingHours | undefined): boolean {
  const shift = hours?.[role];
  if (!shift) return false;
  const m = WALL_CLOCK.exec(timestamp);
  if (!m) return false;
  const [, y, mo, d, h, mi] = m;
  const minute = Number(h) * 60 + Number(mi);
  const from = minutesOf(shift.from);
  const to = minutesOf(shift.to);
  const weekday = isoWeekday(Number(y), Number(mo), Number(d));
  if (from === to) return !worksOn(shift, weekday);
  if (from < to) return !(worksOn(shift, weekday) && minute >= from && minute < to);
  // Across midnight: the small hours belong to the shift that began the day before.
  if (minute >= from) return !worksOn(shift, weekday);
  if (minute < to) return !worksOn(shift, weekday === 1 ? 7 : weekday - 1);
  return true;
}

/** "06:00–18:00 Mon–Fri" for people. */
export function describeShift(shift: Shift): string {
  const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const days = shift.days
    ? ` ${[...shift.days]
        .sort()
        .map((d) => names[d - 1])
        .join(', ')}`
    : '';
  return `${shift.from}–${shift.to}${days}`;
}

function worksOn(shift: Shift, weekday: number): boolean {
  return shift.days === undefined || shift.days.includes(weekday);
}

function minutesOf(clockTime: string): number {
  const [h, m] = clockTime.split(':');
  return Number(h) * 60 + Number(m);
}

function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}
