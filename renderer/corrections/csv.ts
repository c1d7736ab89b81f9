/**
 * The corrections log as CSV (RFC 4180: comma, CRLF, quotes doubled), built in the renderer from
 * the rows it shows, so the export is the same in Electron and in a browser.
 */
import type { CorrectionsLogRow } from '../../shared/contract/corrections';

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

/** Hand a text to the user as a file: a Blob link, which Electron and browsers both download. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark, so spreadsheet programs read the names and reasons as UTF-8.
  const blob = new Blob(['\ufeff', text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, not before.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
