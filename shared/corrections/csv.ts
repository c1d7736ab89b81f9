/**
 * The corrections log as CSV, written like every CSV of the app (shared/csv/write). Pure, so the page builds
 * its export in the renderer (Electron and browser alike) and the command line prints the same.
 */
import type { CorrectionsLogRow } from '../contract/corrections';
import { csvText } from '../csv/write';

export const LOG_CSV_COLUMNS = [
  'seq',
  'eventId',
  'type',
  'orderId',
  'operatorId',
  'operatorName',
  'operatorRole',
  'timestamp',
  'fromStatus',
  'toStatus',
  'reason',
  'correctsEventId',
  'what',
] as const;

export { csvField } from '../csv/write';

/** The log as a CSV file; text a spreadsheet would run as a formula is defused (shared/csv/write). */
export function logToCsv(rows: readonly CorrectionsLogRow[]): string {
  return csvText(
    LOG_CSV_COLUMNS,
    rows.map((r) => [
      r.seq,
      r.eventId,
      r.type,
      r.orderId,
      r.operator.id,
      r.operator.name,
      r.operator.role,
      r.timestamp,
      r.fromStatus,
      r.toStatus,
      r.reason,
      r.correctsEventId,
      r.what,
    ]),
  );
}
