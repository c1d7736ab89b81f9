/**
 * The body of a part thread (./partThread): open the journal read-only, do the part's work, and
 * hand back its answer through the port before raising the flag, on every path: the thread that
 * waits for it is blocked in `Atomics.wait` and sees nothing else until the flag moves. It
 * writes nothing.
 */
import Database from 'better-sqlite3';
import { workerData, type MessagePort } from 'node:worker_threads';
import { registerEventKeyFunction } from './eventKey';
import type { PartThreadData, ThreadAnswer } from './partThread';
import { RuleSetStore } from './ruleSets';

/** What the work gives: its answer, and the buffers in it to transfer rather than copy. */
export interface PartWork<T> {
  answer: ThreadAnswer<T>;
  transfer?: ArrayBuffer[];
}

/** Run `work` on this thread's part and answer. */
export function answerFromThread<T>(
  work: (db: Database.Database, ruleSets: RuleSetStore, data: PartThreadData) => PartWork<T>,
): void {
  const data = workerData as PartThreadData;
  const flag = new Int32Array(data.flag);
  let done: PartWork<T>;
  try {
    const db = new Database(data.path, {
      readonly: true,
      fileMustExist: true,
      ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    });
    try {
      // The duplicate check's SQL names this function: the lookups of resolved events use it.
      registerEventKeyFunction(db);
      done = work(db, new RuleSetStore(db), data);
    } finally {
      db.close();
    }
  } catch (err) {
    done = { answer: { error: String((err as Error)?.message ?? err) } };
  }
  try {
    (data.port as MessagePort).postMessage(done.answer, done.transfer ?? []);
  } finally {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
}
