/**
 * The one way this app writes CSV (the export bundle's files, the corrections log in the app and
 * on the command line): RFC 4180 by csv-stringify, comma, CRLF, a field quoted when it holds a
 * comma, a quote or a line break, quotes doubled.
 *
 * A text a spreadsheet would run as a formula (its first character `=`, `+`, `-`, `@`, a TAB or a
 * CR, or their full-width forms) gets a leading apostrophe: names, customers, reasons and messages
 * come from people and from the main system, and corporate opens these files in a spreadsheet.
 * Numbers are written as they are (a negative quantity is no formula).
 *
 * Pure, so the renderer builds its files with it too: csv-stringify's browser build, whose Buffer
 * is bundled in (the Node build uses the global Buffer at load, which a page does not have).
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

export type CsvValue = string | number | boolean | null | undefined;

const OPTIONS = {
  record_delimiter: '\r\n',
  // A lone LF or CR in a field is quoted too (csv-stringify quotes only CRLF once a delimiter is set).
  quote_record_delimiter: true,
  escape_formulas: true,
  // true and false as words, as before, not csv-stringify's 1 and empty.
  cast: { boolean: (value: boolean) => String(value) },
} as const;

/** One record, with its CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return stringify([values.map((v) => (v === undefined ? null : v))], OPTIONS);
}

/** One field alone, as it appears between commas. */
export function csvField(value: CsvValue): string {
  return csvRow([value]).slice(0, -2);
}

/** A whole file: the header, then every record. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return stringify(
    [header, ...rows].map((r) => r.map((v) => (v === undefined ? null : v))),
    OPTIONS,
  );
}
