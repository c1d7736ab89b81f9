/**
 * The corrections log as CSV (RFC 4180: comma, CRLF, quotes doubled). Pure, so the page builds
 * its export in the renderer (Electron and browser alike) and the command line prints the same.
 */
import type { CorrectionsLogRow } from '../contract/corrections';

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
] as const;

/**
 * One field. Quoted when it holds a comma, quote or line break; a text a spreadsheet would run as
 * a formula (=, +, -, @ first) gets a leading apostrophe, because reasons are typed by people.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function logToCsv(rows: readonly CorrectionsLogRow[]): string {
  const lines = [LOG_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
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
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
