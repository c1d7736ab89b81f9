/** The export page's words: schedules, ranges and what is waiting, said the way the office says them. */
import type { ExportSchedule, ExportSettingsChange, ExportStatus } from '../../shared/contract/export';
import { formatCount } from '../ui/format';

export function describeSchedule(s: ExportSchedule): string {
  switch (s.kind) {
    case 'off':
      return 'Only when someone presses "Export now"';
    case 'every':
      return s.hours === 1 ? 'Every hour' : `Every ${s.hours} hours`;
    case 'daily':
      return `Every day at ${s.at}`;
  }
}

export function describeRange(fromSeq: number, toSeq: number): string {
  return fromSeq === toSeq ? `seq ${fromSeq}` : `seq ${fromSeq}–${toSeq}`;
}

/** Events recorded since the last export: what the next bundle will hold. */
export function waiting(status: Pick<ExportStatus, 'cursor' | 'lastSeq'>): string {
  const n = Math.max(0, status.lastSeq - status.cursor);
  if (n === 0) return 'Everything is exported.';
  return `${formatCount(n)} event${n === 1 ? '' : 's'} not yet exported (${describeRange(status.cursor + 1, status.lastSeq)}).`;
}

/** "just now", "12 minutes ago", "3 hours ago", "2 days ago". */
export function timeAgo(then: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  return `${days} days ago`;
}

/**
 * How long ago the head of the chain was last anchored: the newest export fixed its hash outside
 * this workstation. Until the next one, the events after it can be removed without a trace.
 */
export function anchoredAgo(status: Pick<ExportStatus, 'history'>, now: Date): string {
  const last = status.history[0];
  if (!last)
    return 'Never anchored: nothing has been exported yet, so nothing outside this workstation holds its events.';
  return `Head of the chain last anchored ${timeAgo(new Date(last.at), now)} (seq ${last.toSeq}, in ${last.bundle}).`;
}

/** The schedule form's fields, as text while being edited (the destination is chosen, not typed). */
export interface ScheduleDraft {
  workstation: string;
  kind: ExportSchedule['kind'];
  hours: string;
  at: string;
}

export function draftOf(settings: ExportStatus['settings']): ScheduleDraft {
  const s = settings.schedule;
  return {
    workstation: settings.workstation,
    kind: s.kind,
    hours: s.kind === 'every' ? String(s.hours) : '1',
    at: s.kind === 'daily' ? s.at : '18:00',
  };
}

/** The settings a draft asks for, or the first thing wrong with it (the main process checks again). */
export function settingsOf(
  d: ScheduleDraft,
): { ok: true; settings: ExportSettingsChange } | { ok: false; problem: string } {
  const workstation = d.workstation.trim();
  if (workstation === '') return { ok: false, problem: 'Give the workstation a name.' };
  let schedule: ExportSchedule;
  if (d.kind === 'every') {
    const hours = Number(d.hours);
    if (!Number.isInteger(hours) || hours < 1 || hours > 168) {
      return { ok: false, problem: 'Every how many hours? A whole number from 1 to 168.' };
    }
    schedule = { kind: 'every', hours };
  } else if (d.kind === 'daily') {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(d.at)) return { ok: false, problem: 'The time of day is written HH:MM.' };
    schedule = { kind: 'daily', at: d.at };
  } else {
    schedule = { kind: 'off' };
  }
  // A schedule without a destination is kept and simply waits for one (hourly is the default).
  return { ok: true, settings: { workstation, schedule } };
}
