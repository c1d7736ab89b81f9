/** Import of event files (handbook §2): NDJSON and CSV, streamed, a transaction per batch. */
export {
  importFile,
  importStream,
  ImportFileError,
  ImportStoppedError,
  formatByExtension,
  sniffFormat,
  MAX_RAW_CHARS,
  type ImportOptions,
  type ImportSource,
  type ImportFormat,
} from './importFile';
export { retryRejectedLine, type RetryOutcome } from './retry';
export { readLineChunks, type Line } from './lines';
export { CSV_COLUMNS, parseCsvRecord, readCsvHeader, csvRecordToEnvelope, CsvHeaderError } from './csv';
