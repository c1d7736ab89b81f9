/**
 * Importing a file of events (handbook §2): streamed, a batch per transaction, every refused line
 * kept with its number, reason and text. A crash loses nothing committed, and importing the same
 * file again completes it (what is already there counts as duplicates).
 */
import { keepHeapSmall } from '../memory/heap';
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { ImportReport } from '../../shared/contract/records';
import { JournalStorageError } from '../journal/storage';
import type { IncomingEvent, JournalApi, RejectedLine } from '../journal/types';
import { CsvHeaderError, CsvRecordAssembler, readCsvHeader, type CsvLayout } from './csv';
import { eventFromCsvRecord, eventFromJsonLine, type LineResult } from './envelope';
import { readLineChunks, type Line } from './lines';
import { FileEncodingError } from './utf8';

export type ImportFormat = 'ndjson' | 'csv';

export interface ImportOptions {
  /** Who brought the events (stored with each one); default: the file's path. */
  source?: string;
  /** Lines per transaction (default `IMPORT_BATCH_LINES`). */
  batchSize?: number;
  /** Called after every committed batch. */
  onProgress?: (bytesDone: number, bytesTotal: number, report: ImportReport) => void;
  /**
   * Awaited after every committed batch: the app's worker answers the windows' requests here.
   * (Reading the file does not give the thread a turn by itself: the stream's next chunk is
   * usually buffered already, so a whole file could pass without one.)
   */
  turn?: () => Promise<void>;
  /**
   * Ends a transaction early once it has run this long (checked every `TIMED_CHUNK` lines); the
   * lines it did not reach wait for the next one. The app's worker sets it: a window's request
   * waits for one transaction, whatever the lines cost on this journal, this disk, this load.
   */
  transactionMs?: number;
  /** Stops the import between batches; what was committed stays, and the report says `cancelled`. */
  signal?: AbortSignal;
  /** Force a format instead of going by the extension (and the content). */
  format?: ImportFormat;
  /** Internal knob for tests: how many bytes the reader takes at a time. */
  chunkBytes?: number;
}

/** A file that cannot be imported at all (unreadable, or a CSV header without a required column). */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ImportFileError';
  }
}

/**
 * The journal could not take the file's events (its disk is full, it is read-only): what was
 * recorded before stays, and the message says up to which line and what to do. Importing the file
 * again once the disk has room completes it (what is there counts as already there).
 */
export class ImportStoppedError extends ImportFileError {
  constructor(file: string, cause: JournalStorageError, committedThrough: number, report: ImportReport) {
    const recorded =
      committedThrough === 0
        ? 'nothing of it was recorded'
        : `lines 1 to ${committedThrough} are in the journal (${report.accepted} events recorded, ${report.duplicates} already there, ${report.rejected.length} refused)`;
    super(
      file,
      `the import stopped after line ${committedThrough}: ${cause.says}. ${capitalise(recorded)}; ` +
        `nothing from line ${committedThrough + 1} on was recorded. Once that is put right, import the file again: ` +
        'what is recorded counts as already there.',
    );
    this.name = 'ImportStoppedError';
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Lines per transaction by default. A commit writes every page the batch changed of the events'
 * indexes, the orders projection and the search index, and on a large journal that grows
 * towards a page per event whatever the batch: fewer, larger commits write less (measured at
 * 300,000 events: 2.2 KB written per event with 10,000 lines, 1.35 KB with 20,000, 1.25 with
 * 50,000). The lines wait as text and are parsed and appended `PARSE_CHUNK` at a time inside
 * the transaction, so few parsed events are in memory at once; but the waiting text raises the
 * import's peak memory (about 230 MB with 10,000 lines, 280 with 20,000, 320 with 50,000), and
 * that budget is what sets this number.
 */
export const IMPORT_BATCH_LINES = 20_000;
/** Events parsed and appended at a time inside an import's transaction (one `appendBatch` each). */
export const PARSE_CHUNK = 10_000;

/** Lines appended at a time when a transaction is bounded by time (`ImportOptions.transactionMs`). */
export const TIMED_CHUNK = 100;

/** What the office sees of a refused line: enough to fix it, not a whole megabyte of it. */
export const MAX_RAW_CHARS = 64 * 1024;
const MAX_LINE_CHARS = 16 * 1024 * 1024;

export function formatByExtension(path: string): ImportFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') return 'ndjson';
  if (ext === '.csv') return 'csv';
  return undefined;
}

/** Guess from the first non-blank line: a JSON object, or a header naming eventId. */
export function sniffFormat(firstLine: string): ImportFormat {
  const t = firstLine.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) return 'ndjson';
  return /(^|,)\s*"?eventId"?\s*(,|$)/.test(t) ? 'csv' : 'ndjson';
}

/** Why a line whose bytes are not UTF-8 is refused, rather than recorded with U+FFFD in it. */
function notUtf8(byte: number): string {
  return `is not valid UTF-8 at byte ${byte} (the main system writes UTF-8; was the file saved in another encoding?)`;
}

export function capRaw(text: string): string {
  return text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}… (cut at ${MAX_RAW_CHARS} characters)` : text;
}

/** A file already opened for reading: the name the office sees, its size, and its bytes. */
export interface ImportSource {
  name: string;
  size: number;
  stream: AsyncIterable<Buffer>;
}

/** Import a file named by its path (the command line, the tests). */
export async function importFile(
  journal: JournalApi,
  path: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new ImportFileError(path, 'is not a file');
    size = stat.size;
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return importStream(journal, { name: path, size, stream: lazyReadStream(path, options.chunkBytes) }, options);
}

/** The stream is opened only when the import reads it, so a cancelled import never opens the file. */
async function* lazyReadStream(path: string, chunkBytes: number | undefined): AsyncGenerator<Buffer> {
  yield* createReadStream(path, { highWaterMark: chunkBytes ?? 1024 * 1024 }) as AsyncIterable<Buffer>;
}

/** The report of a file of which nothing has been read yet. */
export function emptyReport(file: string): ImportReport {
  return { file, accepted: 0, duplicates: 0, blank: 0, rejected: [], anomalies: 0, cancelled: false };
}

/**
 * Import from a stream: the same import whatever brought the file (a path on the command line,
 * a file chosen in the app's dialog, a browser upload, the inbox folder).
 */
export async function importStream(
  journal: JournalApi,
  input: ImportSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_LINES;
  const budgetMs = options.transactionMs;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be at least 1 (got ${batchSize})`);
  const path = input.name;
  const source = options.source ?? path;
  const bytesTotal = input.size;

  const report = emptyReport(path);
  let format = options.format ?? formatByExtension(path);
  let layout: CsvLayout | undefined;
  const records = new CsvRecordAssembler(MAX_LINE_CHARS);
  let statuses = journal.activeRuleSet().ruleSet.statuses;
  let events: IncomingEvent[] = [];
  let rejected: RejectedLine[] = [];
  /** The lines of the next transaction, read but not yet parsed. */
  let pending: Line[] = [];
  let bytesDone = 0;

  // Importing a file again keeps none of its refused lines twice: the journal knows a refused
  // line by its number and text, whatever the path it came by (electron/journal/rejectedKey).
  const reject = (line: number, reason: string, raw: string) => {
    rejected.push({ file: path, line, reason, raw: capRaw(raw) });
    report.rejected.push({ line, reason });
  };
  const take = (line: number, raw: string, result: LineResult) => {
    if (result.ok) events.push({ event: result.event, instant: result.instant, line });
    else reject(line, result.reason, raw);
  };
  // Every line up to this one is committed (or was blank): what a stopped import has recorded.
  let committedThrough = 0;
  let lineNow = 0;
  /** Append what has been parsed so far: inside `commit`'s transaction (one savepoint each). */
  const append = () => {
    if (events.length === 0 && rejected.length === 0) return;
    const outcome = journal.appendBatch(events, source, rejected);
    report.accepted += outcome.accepted;
    report.duplicates += outcome.duplicates;
    report.anomalies += outcome.anomalies;
    for (const c of outcome.conflicts) report.rejected.push({ line: c.line, reason: c.reason });
    events = [];
    rejected = [];
  };
  /**
   * One transaction: parse the pending lines and append them a `PARSE_CHUNK` at a time, then
   * `atEnd` (the end of the file's checks). With `budgetMs`, it stops once that long has passed
   * (every `TIMED_CHUNK` lines) and the lines it did not reach stay pending (`atEnd` then waits
   * for a commit that reaches the last line). If it fails, nothing of it is recorded and the
   * report goes back to what was committed.
   */
  const commit = (atEnd?: () => void): boolean => {
    if (pending.length === 0) {
      // Nothing read waits: the end's checks alone decide whether there is anything to write.
      atEnd?.();
      if (events.length === 0 && rejected.length === 0) return false;
      atEnd = undefined;
    }
    const lines = pending;
    pending = [];
    const before = { ...report, rejected: report.rejected.length };
    let wrote = false;
    let used = 0;
    try {
      journal.writeTogether(() => {
        const started = budgetMs === undefined ? 0 : performance.now();
        while (used < lines.length) {
          handleLine(lines[used++]!);
          if (events.length + rejected.length >= PARSE_CHUNK) append();
          if (budgetMs !== undefined && used % TIMED_CHUNK === 0) {
            append();
            if (performance.now() - started >= budgetMs) break;
          }
        }
        if (used === lines.length) atEnd?.();
        wrote = events.length > 0 || rejected.length > 0 || used > 0;
        append();
      }, 'this batch of events');
    } catch (err) {
      Object.assign(report, { ...before, rejected: report.rejected.slice(0, before.rejected) });
      events = [];
      rejected = [];
      if (err instanceof JournalStorageError) throw new ImportStoppedError(path, err, committedThrough, report);
      throw err;
    }
    pending = lines.slice(used);
    if (!wrote) return false;
    // Not in the app's worker (a time budget): there the windows wait on each turn (./heap).
    if (budgetMs === undefined) keepHeapSmall();
    committedThrough = used > 0 ? lines[used - 1]!.number : lineNow;
    // The rule set in force may change between transactions (someone activated another).
    statuses = journal.activeRuleSet().ruleSet.statuses;
    options.onProgress?.(bytesDone, bytesTotal, report);
    return true;
  };

  const handleLine = (line: Line) => {
    if (line.truncated) {
      if (format === 'csv' && layout === undefined) {
        throw new ImportFileError(path, `the header line is longer than ${MAX_LINE_CHARS} characters`);
      }
      reject(line.number, `line is longer than ${MAX_LINE_CHARS} characters`, line.text);
      return;
    }
    if (format === 'csv') {
      const inRecord = records.pending();
      if (!inRecord && line.text.trim() === '') {
        report.blank += 1;
        return;
      }
      if (layout === undefined) {
        if (line.invalidUtf8At !== undefined) {
          throw new ImportFileError(path, `line ${line.number}: the header ${notUtf8(line.invalidUtf8At)}`);
        }
        try {
          layout = readCsvHeader(line.text);
        } catch (err) {
          if (err instanceof CsvHeaderError) throw new ImportFileError(path, `line ${line.number}: ${err.message}`);
          throw err;
        }
        return;
      }
      const record = records.push(line);
      if (!record) return;
      if (record.overlong) reject(record.line, `a quoted field runs on past ${MAX_LINE_CHARS} characters`, record.text);
      else if (record.invalidUtf8) {
        const where = record.invalidUtf8.line === record.line ? '' : `its line ${record.invalidUtf8.line} `;
        reject(record.line, `${where}${notUtf8(record.invalidUtf8.byte)}`, record.text);
      } else take(record.line, record.text, eventFromCsvRecord(record.text, layout, statuses));
      return;
    }
    if (line.text.trim() === '') {
      report.blank += 1;
      return;
    }
    if (format === undefined) format = sniffFormat(line.text);
    if (format === 'csv') return handleLine(line);
    if (line.invalidUtf8At !== undefined) reject(line.number, notUtf8(line.invalidUtf8At), line.text);
    else take(line.number, line.text, eventFromJsonLine(line.text, statuses));
  };

  if (options.signal?.aborted) return { ...report, cancelled: true };
  try {
    for await (const chunk of readLineChunks(input.stream, {
      maxLineChars: MAX_LINE_CHARS,
      chunkBytes: options.chunkBytes,
    })) {
      for (const line of chunk.lines) {
        lineNow = line.number;
        pending.push(line);
        if (pending.length >= batchSize) {
          commit();
          if (options.turn) await options.turn();
          if (options.signal?.aborted) {
            report.cancelled = true;
            break;
          }
        }
      }
      bytesDone = chunk.bytesRead;
      if (report.cancelled) break;
      if (options.signal?.aborted) {
        commit();
        report.cancelled = true;
        break;
      }
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    if (err instanceof FileEncodingError) throw new ImportFileError(path, err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new ImportFileError(path, `cannot be read (${code})`);
    throw err;
  }
  if (!report.cancelled) {
    bytesDone = bytesTotal;
    let committed = false;
    // A transaction bounded by time may leave lines pending: commit them in turns like the rest.
    while (budgetMs !== undefined && pending.length > 0) {
      committed = commit();
      if (pending.length === 0) break;
      if (options.turn) await options.turn();
      if (options.signal?.aborted) {
        report.cancelled = true;
        break;
      }
    }
    if (!report.cancelled) {
      const ended = commit(() => {
        const unfinished = records.end();
        if (unfinished)
          reject(unfinished.line, 'a quoted field is never closed before the end of the file', unfinished.text);
      });
      if (!ended && !committed) options.onProgress?.(bytesDone, bytesTotal, report);
    }
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
