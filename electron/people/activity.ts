/**
 * What one person did: the command line's `activity` and the People page ask the same thing.
 * A person is named by id or by name; a name two people share is refused with both ids.
 */
import type { ActivityReport, PersonRecord } from '../../shared/contract/people';
import { instantOf } from '../../shared/events/envelope';
import { activityEntries } from '../../shared/people/activity';
import { JournalRefusal, type JournalApi } from '../journal';

export interface ActivityRequest {
  /** An initiator's id, or their name (ignoring case). */
  initiator: string;
  /** ISO times with offset, inclusive, compared with the events' timestamps. */
  from?: string;
  to?: string;
  /** At most this many of the newest events (default: every one). */
  limit?: number;
}

/** The one person `initiator` names; refused when it names nobody or more than one. */
export function findPerson(journal: JournalApi, initiator: string): PersonRecord {
  const found = journal.people(initiator);
  const byId = found.find((p) => p.id === initiator);
  if (byId) return byId;
  if (found.length === 0) {
    throw new JournalRefusal('not-found', `nobody with the id or name ${JSON.stringify(initiator)} initiated an event`);
  }
  if (found.length > 1) {
    throw new JournalRefusal(
      'invalid',
      `${found.length} people are called ${JSON.stringify(initiator)}: name one by id (${found.map((p) => p.id).join(', ')})`,
    );
  }
  return found[0]!;
}

export function personActivity(journal: JournalApi, request: ActivityRequest): ActivityReport {
  const person = findPerson(journal, request.initiator);
  const limit = request.limit;
  const newestFirst = journal.activity({
    initiatorId: person.id,
    fromInstant: instantOption('from', request.from),
    toInstant: instantOption('to', request.to),
    limit: limit === undefined ? undefined : limit + 1,
  });
  const truncated = limit !== undefined && newestFirst.length > limit;
  const events = (truncated ? newestFirst.slice(0, limit) : newestFirst).reverse();
  const hours = journal.activeRuleSet().ruleSet.workingHours;
  const entries = activityEntries(events, journal.followUps(events), hours);
  return {
    person,
    shift: hours?.[person.role] ?? null,
    entries,
    afterHours: entries.filter((e) => e.afterHours).length,
    flagged: entries.filter((e) => e.event.anomalies.length > 0).length,
    corrected: entries.filter((e) => e.followUps.length > 0).length,
    truncated,
  };
}

function instantOption(which: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const instant = instantOf(value);
  if (Number.isNaN(instant)) {
    throw new JournalRefusal(
      'invalid',
      `"${which}" ${JSON.stringify(value)} is not an ISO 8601 time with a time-zone offset (like 2026-11-26T18:00:00-05:00)`,
    );
  }
  return instant;
}
