/** Tidy aligned tables for people; `--json` output never goes through here. */

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  /** Right-align numbers. */
  align?: 'left' | 'right';
}

export function table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => text(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function text(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A newline or tab inside a cell would break the columns: show it escaped.
  return String(value).replace(/[\r\n\t]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
