/**
 * How far corporate's copy of the journal reaches, for the handover and the incident report.
 * Read from the export history (each successful export's seq range and time); kept behind these
 * few functions so they can be pointed at dedicated anchor records without touching their users.
 */
import type { AnchoringRecord, ExportSummaryRecord } from '../../shared/contract/handover';
import type { ExportEntry, JournalApi } from '../journal';

/** How many exports the history is read back over (newest first). */
const HISTORY_DEPTH = 10_000;

function summaryOf(e: ExportEntry): ExportSummaryRecord {
  return { bundle: e.bundle, fromSeq: e.fromSeq, toSeq: e.toSeq, events: e.events, at: e.at };
}

/** The newest export and how many events the journal holds beyond it. */
export function anchoringOf(journal: JournalApi): AnchoringRecord {
  const headSeq = journal.lastSeq();
  const last = journal.exportHistory(1)[0];
  return {
    headSeq,
    lastExport: last ? summaryOf(last) : null,
    unanchored: headSeq - (last?.toSeq ?? 0),
  };
}

/** Exports completed at or after an instant (ms since the epoch), oldest first. */
export function exportsSince(journal: JournalApi, sinceInstant: number): ExportSummaryRecord[] {
  return journal
    .exportHistory(HISTORY_DEPTH)
    .filter((e) => Date.parse(e.at) >= sinceInstant)
    .reverse()
    .map(summaryOf);
}

/** The export whose bundle carries the event at `seq`, or null while it has not been exported. */
export function exportCovering(journal: JournalApi, seq: number): ExportSummaryRecord | null {
  const e = journal.exportHistory(HISTORY_DEPTH).find((x) => x.fromSeq <= seq && seq <= x.toSeq);
  return e ? summaryOf(e) : null;
}
