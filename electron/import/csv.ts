/**
 * Reading CSV (handbook §2 for the main system's exports; the bundle's own files for the verifier):
 * RFC 4180 by csv-parse, a header naming the columns in any order, `data` as JSON text. A record is
 * turned into the same envelope object an NDJSON line gives, so both formats go through the same
 * `parseEnvelope` and give identical journals.
 *
 * The import frames records at line ends itself (a record goes on while a quoted field is open)
 * and hands each record to csv-parse: that keeps every record's first line number exact, bounds a
 * record, and lets one bad record be refused alone. csv-parse's own recovery from a bad record
 * (`skip_records_with_error`) does not find the next record again after a stray quote: the good
 * lines after it would be lost.
 */
import { createReadStream } from 'node:fs';
import { parse as parseStream, type Options } from 'csv-parse';
import { parse as parseSync, CsvError } from 'csv-parse/sync';
import type { Line } from './lines';

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

/** RFC 4180 as the main system and spreadsheets write it: comma, quotes doubled, CRLF or LF. */
const RFC_4180: Options = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  record_delimiter: ['\r\n', '\n'],
  relax_column_count: true,
};

/** What went wrong in a record, in the office's words, from csv-parse's error. */
function reasonOf(err: unknown): string {
  if (!(err instanceof CsvError)) throw err;
  const field = `field ${((err as CsvError & { index?: number }).index ?? 0) + 1}`;
  switch (err.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `${field} has text after its closing quote`;
    case 'INVALID_OPENING_QUOTE':
      return `${field} has a quote inside an unquoted value`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${field} opens a quote that is never closed`;
    default:
      return `cannot be read as CSV: ${err.message}`;
  }
}

/** The fields of one record (which may span lines inside quotes). */
export function parseCsvRecord(record: string): FieldsResult {
  let records: string[][];
  try {
    records = parseSync(record, RFC_4180) as string[][];
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
  // A record is framed at a line end outside quotes, so csv-parse finds exactly one in it.
  if (records.length !== 1) return { ok: false, reason: `holds ${records.length} records, not one` };
  return { ok: true, fields: records[0]! };
}

/** Where each column is, from the header record. */
export type CsvLayout = Record<CsvColumn, number | undefined> & { width: number };

export function readCsvHeader(record: string): CsvLayout {
  const split = parseCsvRecord(record);
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
  const split = parseCsvRecord(record);
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
 * start. A quote opens a field only at the field's start (elsewhere it is a stray character
 * csv-parse refuses), so one bad record cannot swallow the good lines after it.
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

/** One record as framed from the file's lines, with what is wrong with it before it is even parsed. */
export interface FramedRecord {
  /** The line it starts on. */
  line: number;
  /** Its text, line breaks inside quotes as the file has them (CRLF stays CRLF). */
  text: string;
  /** A quoted field ran on past the size bound (the record is cut there). */
  overlong?: boolean;
  /** One of its lines is not UTF-8: that line and the byte in it. */
  invalidUtf8?: { line: number; byte: number };
}

/** Joins physical lines into CSV records: a record goes on while a quoted field is open. */
export class CsvRecordAssembler {
  private parts: string[] = [];
  private chars = 0;
  private firstLine = 0;
  private open = false;
  private invalidUtf8: FramedRecord['invalidUtf8'];

  constructor(private readonly maxRecordChars = 16 * 1024 * 1024) {}

  /** Feed one line; returns the record it completes, if any. */
  push(line: Line): FramedRecord | undefined {
    if (this.parts.length === 0) this.firstLine = line.number;
    if (line.invalidUtf8At !== undefined && this.invalidUtf8 === undefined) {
      this.invalidUtf8 = { line: line.number, byte: line.invalidUtf8At };
    }
    this.parts.push(line.text);
    this.chars += line.text.length + 2;
    this.open = quoteOpenAfter(line.text, this.open);
    if (this.open && this.chars <= this.maxRecordChars) {
      this.parts.push(line.crlf ? '\r\n' : '\n');
      return undefined;
    }
    const overlong = this.open;
    return this.take(overlong);
  }

  /** Whether a record is under way (a quote opened on an earlier line is still open). */
  pending(): boolean {
    return this.parts.length > 0;
  }

  /** The unfinished record at the end of the file (a quote never closed), if any. */
  end(): FramedRecord | undefined {
    if (this.parts.length === 0) return undefined;
    // The line break after the last line belongs to no field.
    this.parts.pop();
    return this.take(false);
  }

  private take(overlong: boolean): FramedRecord {
    const record: FramedRecord = { line: this.firstLine, text: this.parts.join('') };
    if (overlong) record.overlong = true;
    if (this.invalidUtf8) record.invalidUtf8 = this.invalidUtf8;
    this.parts = [];
    this.chars = 0;
    this.open = false;
    this.invalidUtf8 = undefined;
    return record;
  }
}

/**
 * The records of a whole CSV file, streamed (the verifier counts the bundle's rows with it).
 * Throws, naming the line, on anything that is not RFC 4180.
 */
export async function* readCsvFile(path: string, options: { maxRecordBytes?: number } = {}): AsyncGenerator<string[]> {
  const parser = createReadStream(path).pipe(
    parseStream({ ...RFC_4180, bom: true, max_record_size: options.maxRecordBytes ?? 16 * 1024 * 1024 }),
  );
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record;
  } catch (err) {
    if (err instanceof CsvError)
      throw new Error(`line ${(err as CsvError & { lines?: number }).lines ?? '?'}: ${reasonOf(err)}`);
    throw err;
  }
}
