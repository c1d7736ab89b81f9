/**
 * CSV exports of the main system (handbook §2): RFC 4180 fields, a header naming the columns in
 * any order, `data` as JSON text. A record is turned into the same envelope object an NDJSON line
 * gives, so both formats go through the same `parseEnvelope` and give identical journals.
 */

export const CSV_COLUMNS = [
  'eventId',
  'type',
  'orderId',
  'traceId',
  'timestamp',
  'initiatedById',
  'initiatedByName',
  'initiatedByRole',
  'data',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns that may be left out of the header: an empty traceId or name means "absent" anyway. */
const OPTIONAL_COLUMNS: ReadonlySet<CsvColumn> = new Set(['traceId', 'initiatedByName']);

/** A problem with the whole file (its header): nothing in it can be read. */
export class CsvHeaderError extends Error {}

export type FieldsResult = { ok: true; fields: string[] } | { ok: false; reason: string };

/** Split one record (which may span lines inside quotes) into its fields. */
export function splitCsvRecord(record: string): FieldsResult {
  const fields: string[] = [];
  let i = 0;
  const n = record.length;
  for (;;) {
    if (record[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q === -1) return { ok: false, reason: `field ${fields.length + 1} opens a quote that is never closed` };
        value += record.slice(i, q);
        if (record[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return { ok: true, fields };
      if (record[i] !== ',') {
        return { ok: false, reason: `field ${fields.length} has text after its closing quote` };
      }
      i += 1;
    } else {
      const comma = record.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      const value = record.slice(i, end);
      if (value.includes('"')) {
        return { ok: false, reason: `field ${fields.length + 1} has a quote inside an unquoted value` };
      }
      fields.push(value);
      if (comma === -1) return { ok: true, fields };
      i = comma + 1;
    }
  }
}

/** Where each column is, from the header record. */
export type CsvLayout = Record<CsvColumn, number | undefined> & { width: number };

export function readCsvHeader(record: string): CsvLayout {
  const split = splitCsvRecord(record);
  if (!split.ok) throw new CsvHeaderError(`the header line cannot be read: ${split.reason}`);
  const names = split.fields.map((f) => f.trim());
  const layout = { width: names.length } as CsvLayout;
  const unknown: string[] = [];
  names.forEach((name, index) => {
    if ((CSV_COLUMNS as readonly string[]).includes(name)) {
      if (layout[name as CsvColumn] !== undefined) throw new CsvHeaderError(`the header names column "${name}" twice`);
      layout[name as CsvColumn] = index;
    } else unknown.push(name);
  });
  const missing = CSV_COLUMNS.filter((c) => layout[c] === undefined && !OPTIONAL_COLUMNS.has(c));
  if (missing.length > 0) {
    throw new CsvHeaderError(
      `the header has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length > 1 ? 's' : ''}` +
        ` (it needs ${CSV_COLUMNS.join(', ')}; found ${names.map((x) => `"${x}"`).join(', ')})`,
    );
  }
  return layout;
}

export type EnvelopeResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/** The envelope object of one CSV record, in the shape of an NDJSON line. */
export function csvRecordToEnvelope(record: string, layout: CsvLayout): EnvelopeResult {
  const split = splitCsvRecord(record);
  if (!split.ok) return split;
  const { fields } = split;
  if (fields.length !== layout.width) {
    return { ok: false, reason: `has ${fields.length} fields, the header has ${layout.width}` };
  }
  const get = (c: CsvColumn): string | undefined => {
    const index = layout[c];
    return index === undefined ? undefined : fields[index];
  };
  const value: Record<string, unknown> = {
    eventId: get('eventId'),
    type: get('type'),
    orderId: get('orderId'),
  };
  const traceId = get('traceId');
  if (traceId) value.traceId = traceId;
  value.timestamp = get('timestamp');
  const initiatedBy: Record<string, unknown> = { id: get('initiatedById') };
  const name = get('initiatedByName');
  if (name) initiatedBy.name = name;
  initiatedBy.role = get('initiatedByRole');
  value.initiatedBy = initiatedBy;
  const dataText = get('data') ?? '';
  if (dataText.trim() !== '') {
    try {
      value.data = JSON.parse(dataText) as unknown;
    } catch (err) {
      return { ok: false, reason: `data column is not JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  return { ok: true, value };
}

/**
 * Whether a quoted field is still open at the end of `text`, given whether one was open at its
 * start. A quote opens a field only at the field's start (elsewhere it is a stray character the
 * record parser refuses), so one bad record cannot swallow the good lines after it.
 */
function quoteOpenAfter(text: string, openAtStart: boolean): boolean {
  let open = openAtStart;
  let fieldStart = !openAtStart;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i += 1;
        else open = false;
      }
    } else if (c === 34 && fieldStart) {
      open = true;
    } else {
      fieldStart = c === 44;
    }
  }
  return open;
}

/** Joins physical lines into CSV records: a record goes on while a quoted field is open. */
export class CsvRecordAssembler {
  private parts: string[] = [];
  private chars = 0;
  private firstLine = 0;
  private open = false;

  constructor(private readonly maxRecordChars = 16 * 1024 * 1024) {}

  /** Feed one line; returns the record it completes, if any. */
  push(lineNumber: number, text: string): { line: number; text: string; overlong?: boolean } | undefined {
    if (this.parts.length === 0) this.firstLine = lineNumber;
    this.parts.push(text);
    this.chars += text.length + 1;
    this.open = quoteOpenAfter(text, this.open);
    if (this.open && this.chars <= this.maxRecordChars) return undefined;
    const overlong = this.open;
    const record = { line: this.firstLine, text: this.parts.join('\n'), ...(overlong ? { overlong } : {}) };
    this.parts = [];
    this.chars = 0;
    this.open = false;
    return record;
  }

  /** Whether a record is under way (a quote opened on an earlier line is still open). */
  pending(): boolean {
    return this.parts.length > 0;
  }

  /** The unfinished record at the end of the file (a quote never closed), if any. */
  end(): { line: number; text: string } | undefined {
    if (this.parts.length === 0) return undefined;
    const record = { line: this.firstLine, text: this.parts.join('\n') };
    this.parts = [];
    return record;
  }
}
