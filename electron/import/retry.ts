/**
 * Putting a refused line right: the office edits the text of a rejected line and imports just
 * that line; the journal records the event and marks the rejected line as fixed by it.
 */
import { JournalRefusal, type JournalApi } from '../journal/types';
import { CSV_COLUMNS, readCsvHeader } from './csv';
import { eventFromCsvRecord, eventFromJsonLine } from './envelope';

export interface RetryOutcome {
  /** `recorded`: a new event; `duplicate`: the event was already in the journal (imported since). */
  outcome: 'recorded' | 'duplicate';
  seq: number;
  eventId: string;
}

/** The standard column order, for a fixed CSV line that comes without its file's header. */
const STANDARD_LAYOUT = readCsvHeader(CSV_COLUMNS.join(','));

export function retryRejectedLine(
  journal: JournalApi,
  rejectedId: number,
  fixedRaw: string,
  options: { source?: string } = {},
): RetryOutcome {
  const original = findRejected(journal, rejectedId);
  if (!original) throw new JournalRefusal('not-found', `no rejected line ${rejectedId} waiting to be fixed`);
  const text = fixedRaw.replace(/^\uFEFF/, '').trim();
  if (text === '') throw new JournalRefusal('invalid', 'the fixed line is empty');
  const statuses = journal.activeRuleSet().ruleSet.statuses;
  // An NDJSON line starts with `{`; anything else is read as a CSV row in the handbook's column order.
  const parsed = text.startsWith('{')
    ? eventFromJsonLine(text, statuses)
    : eventFromCsvRecord(text, STANDARD_LAYOUT, statuses);
  const where = `${original.file} line ${original.line}`;
  if (!parsed.ok) throw new JournalRefusal('invalid', `${where} is still refused: ${parsed.reason}`);
  const outcome = journal.appendBatch(
    [{ event: parsed.event, instant: parsed.instant, line: original.line }],
    options.source ?? original.file,
  );
  const conflict = outcome.conflicts[0];
  if (conflict) throw new JournalRefusal('refused', `${where}: ${conflict.reason}`);
  const recorded = journal.event({ eventId: parsed.event.eventId });
  if (!recorded) throw new Error(`event ${parsed.event.eventId} was appended but cannot be read back`);
  journal.markRejectedFixed(rejectedId, recorded.seq);
  return { outcome: outcome.accepted === 1 ? 'recorded' : 'duplicate', seq: recorded.seq, eventId: recorded.eventId };
}

function findRejected(journal: JournalApi, id: number) {
  // The journal lists unfixed rejected lines oldest first (at most 10,000 at a time); the office
  // fixes lines from that list, so the one asked for is in it.
  return journal.rejectedLines({ limit: 10_000 }).find((r) => r.id === id);
}
