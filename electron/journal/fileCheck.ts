/**
 * SQLite's quick_check of the journal file, for verify: every page of every b-tree well-formed
 * (not index contents; that is integrity_check's hour), and every page of the file held by one
 * b-tree or the freelist, once. It catches damage to what verify does not read itself (an index,
 * say), which would pass every other check and fail the next import.
 *
 * It runs on a connection of its own, on which the search index's module (FTS5) is stood in for
 * (`standIn`): SQLite (from 3.44) runs a virtual table's own integrity check inside quick_check,
 * and FTS5's walks every term of the search index whatever "quick" says, three quarters of the
 * check's time at 1M events, for contents that verify does not prove (docs/security.md: a changed
 * search index hides an event from a search, nothing more). The stand-in has no integrity check,
 * so quick_check leaves the module out; the index's own tables (`event_search_data`, …) are
 * ordinary tables, their pages checked and counted as every other's.
 *
 * It needs nothing verify computes, so on a journal of any size it runs beside verify: on a
 * second, read-only connection in a worker thread, started when verify starts and waited for at
 * its end. Verify's wall time is then the longer of the two rather than their sum (its CPU time
 * stays the sum). The wait is synchronous (an Atomics.wait on a flag the worker raises), because
 * verify itself is: it runs inside one read transaction of a synchronous driver.
 *
 * A small journal, where starting a thread costs more than the check, is checked on a second
 * connection opened in verify's own thread, as is any journal whose thread could not do it (no
 * worker threads, a driver that would not load there): the finding is the same either way. Only
 * where no second connection can be had (a journal in memory, a file SQLite will not open twice)
 * does quick_check run on verify's own connection, FTS5's check included.
 */
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { inMemory, nativeBindingOf } from './open';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Below this many pages (64 MB of 4 KB pages), quick_check is quicker than starting a thread for it. */
export const THREAD_PAGES = 16_384;

/** What quick_check said, other than "ok" (empty: the file is well-formed). */
export type FileFindings = string[];

/** A quick_check under way; `findings()` waits for it (or runs it) and says what it found. */
export interface FileCheck {
  findings(): FileFindings;
  /** Where the check ran (once `findings()` has answered): in its thread, or in verify's (`quickCheck`). */
  ranIn(): 'thread' | 'connection';
}

/** At most this many findings: one is enough to fail verify, a few say where. */
const MAX_FINDINGS = 5;

function findingsOf(rows: { quick_check: string }[]): FileFindings {
  return rows.map((r) => r.quick_check).filter((f) => f !== 'ok');
}

/**
 * The virtual table modules stood in for on the checking connection: FTS5, the search index's.
 * (The worker's code below names the same.)
 */
const STOOD_IN = ['fts5'];

/**
 * Stand in for `STOOD_IN` on `db`, a connection that only checks: a module of no rows and no
 * integrity check (better-sqlite3's own virtual tables have none), which quick_check leaves out.
 */
function standIn(db: Database.Database): void {
  for (const module of STOOD_IN) db.table(module, { columns: ['text'], *rows() {} });
}

/**
 * quick_check, now: on a second read-only connection to `db`'s file, else on `db` itself. What
 * SQLite refuses there (a damaged table it cannot read) is thrown as it is, as on `db`; only a
 * second connection that cannot be opened at all leaves the check to `db`.
 */
export function quickCheck(db: Database.Database): FileFindings {
  const own = secondConnection(db);
  if (!own)
    return findingsOf(db.pragma(`quick_check(${MAX_FINDINGS})`, { simple: false }) as { quick_check: string }[]);
  try {
    own.pragma('cache_size = -512');
    standIn(own);
    return findingsOf(own.pragma(`quick_check(${MAX_FINDINGS})`, { simple: false }) as { quick_check: string }[]);
  } finally {
    own.close();
  }
}

/** A read-only connection to `db`'s file (none for a journal in memory, or a file that will not open twice). */
function secondConnection(db: Database.Database): Database.Database | undefined {
  if (inMemory(db)) return undefined;
  const binding = nativeBindingOf(db);
  try {
    const Driver = db.constructor as typeof Database;
    return new Driver(db.name, { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
  } catch {
    return undefined;
  }
}

/**
 * Start the check of `db`'s file: in a worker thread when the file is large enough (or
 * `thread` says so), else deferred to `findings()` in verify's own thread (`quickCheck`).
 */
export function startFileCheck(db: Database.Database, options: { thread?: boolean } = {}): FileCheck {
  const onDb: FileCheck = { findings: () => quickCheck(db), ranIn: () => 'connection' };
  if (inMemory(db)) return onDb;
  const large = (db.pragma('page_count', { simple: true }) as number) >= THREAD_PAGES;
  if (!(options.thread ?? large)) return onDb;
  let started: ThreadCheck;
  try {
    started = new ThreadCheck(db.name, nativeBindingOf(db));
  } catch {
    return onDb;
  }
  let ranIn: 'thread' | 'connection' = 'thread';
  return {
    ranIn: () => ranIn,
    findings() {
      const answer = started.wait();
      if ('findings' in answer) return answer.findings;
      ranIn = 'connection';
      // The thread could not say (SQLite refused the file there, the driver would not load):
      // check in this thread instead, so that a refusal is verify's own, as it was.
      return quickCheck(db);
    },
  };
}

type Answer = { findings: FileFindings } | { error: string; code: unknown };

/**
 * The worker's code, run with `eval` (no file of its own to bundle): open the file read-only,
 * quick_check it, post the answer, raise the flag. Every path ends with the flag raised, so
 * the wait cannot outlast the worker.
 */
const WORKER_CODE = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
let answer;
try {
  const Database = require(workerData.driver);
  const settings = { readonly: true, fileMustExist: true };
  if (workerData.nativeBinding) settings.nativeBinding = workerData.nativeBinding;
  const db = new Database(workerData.path, settings);
  try {
    // quick_check reads each page once: SQLite's smallest useful cache will do.
    db.pragma('cache_size = -512');
    // FTS5 stood in for, as standIn does on the main thread (see there).
    for (const module of ${JSON.stringify(STOOD_IN)}) db.table(module, { columns: ['text'], *rows() {} });
    answer = { rows: db.pragma('quick_check(${MAX_FINDINGS})', { simple: false }) };
  } finally {
    db.close();
  }
} catch (err) {
  answer = { error: String(err && err.message), code: err && err.code };
}
try {
  workerData.port.postMessage(answer);
} finally {
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
`;

class ThreadCheck {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private answer: Answer | undefined;

  constructor(path: string, nativeBinding: string | undefined) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.unref();
    const worker = new Worker(WORKER_CODE, {
      eval: true,
      // Inside Electron the driver's default binding is Node's: the journal's own (Electron's) is passed on.
      workerData: { driver, path, nativeBinding, port: port2, flag: this.flag.buffer },
      transferList: [port2],
      // It makes a few small objects: a small heap, so the thread weighs little beside verify's replay.
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
    });
    // Never what keeps the process alive: an abandoned check just ends with its thread.
    worker.unref();
    // The worker's code catches what it can and raises the flag on every path; an error that
    // still reaches here (after its answer) must not end the process.
    worker.on('error', () => undefined);
  }

  wait(): Answer {
    if (this.answer) return this.answer;
    Atomics.wait(this.flag, 0, 0);
    const message = receiveMessageOnPort(this.port)?.message as
      { rows: { quick_check: string }[] } | { error: string; code: unknown } | undefined;
    this.port.close();
    this.answer =
      message === undefined
        ? { error: 'the check thread ended without an answer', code: undefined }
        : 'rows' in message
          ? { findings: findingsOf(message.rows) }
          : message;
    return this.answer;
  }
}
