/**
 * The thread of a rebuild read in two (./rebuildInTwo): it reads and folds one part of the
 * orders on a read-only connection of its own and hands back what it read. It writes nothing.
 *
 * Its answer goes through the port before the flag is raised, on every path, because the
 * thread that waits for it is blocked in `Atomics.wait` (the rebuild runs inside a write
 * transaction of a synchronous driver) and sees nothing else until the flag moves.
 */
import Database from 'better-sqlite3';
import { workerData, type MessagePort } from 'node:worker_threads';
import { registerEventKeyFunction } from './eventKey';
import { RuleSetStore } from './ruleSets';
import { readPart, type RebuildThreadAnswer, type RebuildThreadData } from './rebuildInTwo';

const data = workerData as RebuildThreadData;
const flag = new Int32Array(data.flag);
let answer: RebuildThreadAnswer;
let transfer: ArrayBuffer[] = [];
try {
  const db = new Database(data.path, {
    readonly: true,
    fileMustExist: true,
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  });
  try {
    // The duplicate check's SQL names this function: the lookups of resolved events use it.
    registerEventKeyFunction(db);
    answer = readPart(db, new RuleSetStore(db), data.part, data.toSeq);
    if ('outcome' in answer) transfer = answer.outcome.filters.map(([, words]) => words.buffer as ArrayBuffer);
  } finally {
    db.close();
  }
} catch (err) {
  answer = { error: String((err as Error)?.message ?? err) };
}
try {
  (data.port as MessagePort).postMessage(answer, transfer);
} finally {
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
