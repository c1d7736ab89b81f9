/**
 * The corrections log's CSV export, built in the renderer from the rows (shared/corrections/csv)
 * and handed over with a Blob link, which works the same in Electron and in a browser.
 */
export { LOG_CSV_COLUMNS, csvField, logToCsv } from '../../shared/corrections/csv';

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
