/**
 * The shift handover since a time: what the command line's `digest` prints and the Handover page
 * shows. Everything "new" is what was recorded after the journal's position at that time.
 */
import type { DigestRecord, OfficeActionRecord } from '../../shared/contract/handover';
import { instantOf } from '../../shared/events/envelope';
import { officeActionOf } from '../../shared/handover/digest';
import { JournalRefusal, type JournalApi } from '../journal';
import { anchoringOf, exportsSince } from './anchoring';

/** Anomaly rows listed per section (the totals count them all). */
export const DIGEST_ROWS = 200;

export function shiftDigest(journal: JournalApi, since: string, rows = DIGEST_ROWS): DigestRecord {
  const sinceInstant = instantOf(since);
  if (Number.isNaN(sinceInstant)) {
    throw new JournalRefusal(
      'invalid',
      `"since" ${JSON.stringify(since)} is not an ISO 8601 time with a time-zone offset (like 2026-11-26T18:00:00-05:00)`,
    );
  }
  const sinceSeq = journal.seqAt(since);
  const headSeq = journal.lastSeq();
  const side = (s: { after: number } | { openFrom: number }) => {
    const list = journal.anomaliesBySide(s, rows + 1);
    return {
      total: journal.countAnomaliesBySide(s),
      rows: list.slice(0, rows),
      truncated: list.length > rows,
    };
  };
  return {
    since,
    sinceSeq,
    headSeq,
    newAnomalies: side({ after: sinceSeq }),
    officeActions: endedRequests(
      journal,
      journal
        .officeEventsAfter(sinceSeq)
        .map(officeActionOf)
        .filter((a): a is OfficeActionRecord => a !== undefined),
    ),
    operatorsAdded: journal.operatorsAddedSince(new Date(sinceInstant).toISOString()),
    requestsWaiting: journal.correctionRequests(true, rows),
    imports: journal.importsAfter(sinceSeq),
    refused: journal.refusedSince(new Date(sinceInstant).toISOString()),
    exports: exportsSince(journal, sinceInstant),
    anchoring: anchoringOf(journal),
    carriedOver: side({ openFrom: sinceSeq }),
  };
}

/** A correction or dismissal that ended a Clerk's request says whose request it ended. */
function endedRequests(journal: JournalApi, actions: OfficeActionRecord[]): OfficeActionRecord[] {
  const ending = actions.filter((a) => a.type === 'StatusCorrected' || a.type === 'AnomalyDismissed');
  if (ending.length === 0) return actions;
  const ended = new Map<number, string>();
  for (const r of journal.correctionRequests(false, 500)) {
    if (r.endedBy && r.state !== 'declined') ended.set(r.endedBy.seq, r.requestedBy.name);
  }
  return actions.map((a) => {
    const by = ended.get(a.seq);
    return by === undefined ? a : { ...a, what: `${a.what}, ending ${by}'s request` };
  });
}
