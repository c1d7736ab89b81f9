/**
 * A person's activity: their events joined with what the office did about them afterwards, and
 * marked after hours by the rule set's working hours. Pure; the journal supplies the records.
 */
import type { ActivityEntry, FollowUpRecord } from '../contract/people';
import type { EventRecord } from '../contract/records';
import { isAfterHours, type WorkingHours } from './workingHours';

/** The office event as a follow-up, or undefined for an event that follows nothing up. */
export function followUpOf(office: EventRecord): FollowUpRecord | undefined {
  if (office.type !== 'StatusCorrected' && office.type !== 'AnomalyDismissed') return undefined;
  const data = office.data;
  const f: FollowUpRecord = {
    seq: office.seq,
    eventId: office.eventId,
    type: office.type,
    by: office.initiatedBy,
    timestamp: office.timestamp,
    reason: typeof data.reason === 'string' ? data.reason : '',
  };
  if (typeof data.status === 'string') f.status = data.status;
  return f;
}

/** The event an office event names as the one it corrects or dismisses. */
export function followedUpEventId(office: EventRecord): string | undefined {
  const d = office.data;
  if (typeof d.correctsEventId === 'string') return d.correctsEventId;
  if (typeof d.dismissesEventId === 'string') return d.dismissesEventId;
  return undefined;
}

/** Each event with its follow-ups (an office event that names it or resolved one of its anomalies). */
export function activityEntries(
  events: readonly EventRecord[],
  officeEvents: readonly EventRecord[],
  hours: WorkingHours | undefined,
): ActivityEntry[] {
  const bySeq = new Map(officeEvents.map((o) => [o.seq, o]));
  const byTarget = new Map<string, EventRecord[]>();
  for (const o of officeEvents) {
    const target = followedUpEventId(o);
    if (target === undefined) continue;
    const list = byTarget.get(target);
    if (list) list.push(o);
    else byTarget.set(target, [o]);
  }
  return events.map((event) => {
    const found = new Map<number, EventRecord>();
    for (const o of byTarget.get(event.eventId) ?? []) found.set(o.seq, o);
    for (const a of event.anomalies) {
      const o = a.resolvedBySeq === null ? undefined : bySeq.get(a.resolvedBySeq);
      if (o) found.set(o.seq, o);
    }
    const followUps = [...found.values()]
      .sort((a, b) => a.seq - b.seq)
      .map(followUpOf)
      .filter((f): f is FollowUpRecord => f !== undefined);
    return { event, afterHours: isAfterHours(event.timestamp, event.initiatedBy.role, hours), followUps };
  });
}
