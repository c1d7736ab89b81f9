/**
 * Writing many rows into one table inside a transaction: `COPY … FROM STDIN` on a server (the
 * only way to load a million events in about the time PostgreSQL needs to store them), batched
 * multi-row INSERTs on PGlite, which has no COPY from a stream. Callers hand over rows of values
 * and do not care which.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Transaction } from './db';

export type Value = string | number | boolean | null;

export interface RowSink {
  add(row: readonly Value[]): Promise<void>;
  /** Every row written; resolves when the database has them (a COPY's end is where it fails). */
  finish(): Promise<void>;
  /** Give up (the transaction is being rolled back). */
  abandon(): void;
}

export function rowSink(tx: Transaction, table: string, columns: readonly string[]): RowSink {
  const list = columns.map((c) => `"${c}"`).join(', ');
  return tx.copyFrom
    ? copySink(tx.copyFrom(`COPY ${table} (${list}) FROM STDIN`))
    : insertSink(tx, table, list, columns.length);
}

/**
 * One value in COPY's text format: `\N` for null, and backslash, tab, newline and carriage
 * return escaped (PostgreSQL's documented rules for that format, nothing else is special).
 */
export function copyValue(value: Value): string {
  if (value === null) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, escapeChar) : s;
}

function escapeChar(c: string): string {
  return c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r';
}

export function copyLine(row: readonly Value[]): string {
  let line = copyValue(row[0] ?? null);
  for (let i = 1; i < row.length; i++) line += '\t' + copyValue(row[i] ?? null);
  return line + '\n';
}

/** Rows are gathered into chunks of about this many characters before they go to the socket. */
const COPY_CHUNK = 256 * 1024;

function copySink(stream: Writable): RowSink {
  let pending = '';
  let failed: Error | undefined;
  stream.on('error', (err: Error) => {
    failed = err;
  });
  const flush = async () => {
    if (failed) throw failed;
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    if (!stream.write(chunk)) await drained(stream);
    if (failed) throw failed;
  };
  return {
    async add(row) {
      pending += copyLine(row);
      if (pending.length >= COPY_CHUNK) await flush();
    },
    async finish() {
      await flush();
      const done = Promise.race([once(stream, 'finish'), once(stream, 'error').then(([e]) => Promise.reject(e))]);
      stream.end();
      await done;
      if (failed) throw failed;
    },
    abandon() {
      if (!stream.destroyed) stream.destroy();
    },
  };
}

/** The stream wants more (or failed: the caller looks at that); no listener left behind either way. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}

/** Rows per INSERT: 16 columns × 500 stays far below PostgreSQL's 65,535 parameters. */
const INSERT_ROWS = 500;

function insertSink(tx: Transaction, table: string, list: string, width: number): RowSink {
  let batch: Value[] = [];
  let rows = 0;
  const flush = async () => {
    if (rows === 0) return;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      tuples.push(`(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
    }
    const params = batch;
    batch = [];
    rows = 0;
    await tx.query(`INSERT INTO ${table} (${list}) VALUES ${tuples.join(', ')}`, params);
  };
  return {
    async add(row) {
      for (let c = 0; c < width; c++) batch.push(row[c] ?? null);
      rows += 1;
      if (rows >= INSERT_ROWS) await flush();
    },
    finish: flush,
    abandon() {
      batch = [];
      rows = 0;
    },
  };
}
