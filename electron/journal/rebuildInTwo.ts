/**
 * The whole rebuild at once (the command line, the bench), in two threads where it pays: this
 * one reads and folds one part of the orders (./rebuildParts) while a worker thread reads the
 * other on a connection of its own, then this one merges the two and writes every projection.
 * Reading is most of a rebuild, and it is the cost of handing rows to JavaScript, which each
 * thread now pays for half of them.
 *
 * It runs inside the caller's write transaction, which holds the journal still: no event can be
 * appended while the two threads read, and the worker's read-only connection sees exactly the
 * events this one does (nothing is written before both have read). Both read up to the last seq
 * the rebuild began with.
 *
 * One thread does it all (`rebuildProjections`), with the same result, where two would not pay
 * or cannot be had: a small journal (starting a thread costs more than it saves), a journal in
 * memory, no worker file beside the code (under Electron, whose app rebuilds in turns in its
 * worker instead), a thread that fails or does not answer, and a journal where an event resolves
 * anomalies of another part's order (`CrossPart`). Only time is lost then, never a projection.
 */
import type Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { collectPastHeadroom } from '../memory/heap';
import { startWorker, workerStart } from '../worker/workerFile';
import { nativeBindingOf } from './open';
import {
  headHash,
  ProjectionRebuild,
  projectionsOf,
  rebuildProjections,
  writeFromEvents,
  writeReplayed,
} from './rebuild';
import { CrossPart, MergedProjections, type PartOutcome } from './rebuildParts';
import { readAll } from './replay';
import type { RuleSetStore } from './ruleSets';

/** Below this many events, one thread rebuilds sooner than two (a thread takes about 0.1 s to start). */
export const TWO_THREADS_FROM = 100_000;

/** How long the worker's answer is waited for before one thread does it all (ms). */
const ANSWER_WITHIN_MS = 30 * 60_000;

export interface RebuildAtOnceOptions {
  onProgress?: (done: number, total: number) => void;
  /** Events from which two threads are used (tests set it low). */
  twoThreadsFrom?: number;
  /**
   * Where the thread's file is looked for (tests): beside this code unless given. Not on the
   * journal's own `rebuild`: no caller of it may name a folder whose code a thread would run.
   */
  threadDir?: string;
}

/** How the rebuild was done: in two threads, or in one, and why. */
export type RebuildThreads = { threads: 2 } | { threads: 1; why: string };

/** What the rebuild's thread is started with (./rebuildWorker). */
export interface RebuildThreadData {
  path: string;
  nativeBinding: string | undefined;
  part: 0 | 1;
  toSeq: number;
  port: MessagePort;
  flag: SharedArrayBuffer;
}

export type RebuildThreadAnswer = { outcome: PartOutcome } | { crossPart: string } | { error: string };

/** The whole rebuild, in the caller's write transaction. */
export function rebuildAtOnce(
  db: Database.Database,
  ruleSets: RuleSetStore,
  options: RebuildAtOnceOptions = {},
): RebuildThreads {
  const total = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;
  const why = oneThreadWhy(db, total, options.twoThreadsFrom ?? TWO_THREADS_FROM);
  if (why !== undefined) return oneThread(db, ruleSets, options, why);
  let thread: RebuildThread;
  try {
    thread = new RebuildThread(db.name, nativeBindingOf(db), total, options.threadDir);
  } catch (err) {
    return oneThread(db, ruleSets, options, `no thread: ${(err as Error).message}`);
  }
  return rebuildInParts(db, ruleSets, total, thread, options);
}

/** Part 1 of a rebuild in two, read elsewhere: its answer once it is read (waiting for it), or never. */
export interface OtherPart {
  answer(): RebuildThreadAnswer;
  abandon(): void;
}

/**
 * Read part 0 here while `other` reads part 1, then write what the two read (or, where the parts
 * cannot be had, all of it read in one). In the caller's write transaction; `total` is its last seq.
 */
export function rebuildInParts(
  db: Database.Database,
  ruleSets: RuleSetStore,
  total: number,
  other: OtherPart,
  options: RebuildAtOnceOptions = {},
): RebuildThreads {
  const ours = new ProjectionRebuild(db, ruleSets, { part: 0, toSeq: total });
  try {
    readAll(ours, options.onProgress);
  } catch (err) {
    other.abandon();
    if (err instanceof CrossPart) return oneThread(db, ruleSets, options, err.message);
    throw err;
  }
  // While the other thread may still be reading: what SQL makes from the events alone.
  writeFromEvents(db);
  const answer = other.answer();
  if (!('outcome' in answer)) {
    return oneThread(db, ruleSets, options, 'crossPart' in answer ? answer.crossPart : answer.error);
  }
  // The thread opened the journal by its path: a file put in its place meanwhile is another
  // journal, whose orders must not be written here.
  if (answer.outcome.head !== headHash(db, total)) {
    return oneThread(db, ruleSets, options, `the thread read another journal (its event of seq ${total} differs)`);
  }
  ours.filters.merge(answer.outcome.filters, answer.outcome.finished);
  writeReplayed(
    db,
    new MergedProjections(projectionsOf(ours.replay), answer.outcome),
    ours.filters.finishedFilters(),
    collectPastHeadroom,
  );
  return { threads: 2 };
}

/** Read one part of a rebuild in two on `db` (nothing is written): what the other thread answers. */
export function readPart(
  db: Database.Database,
  ruleSets: RuleSetStore,
  part: 0 | 1,
  toSeq: number,
): RebuildThreadAnswer {
  try {
    const rebuild = new ProjectionRebuild(db, ruleSets, { part, toSeq });
    readAll(rebuild);
    return { outcome: rebuild.outcome() };
  } catch (err) {
    if (err instanceof CrossPart) return { crossPart: err.message };
    throw err;
  }
}

function oneThread(
  db: Database.Database,
  ruleSets: RuleSetStore,
  options: RebuildAtOnceOptions,
  why: string,
): RebuildThreads {
  rebuildProjections(db, ruleSets, options.onProgress);
  return { threads: 1, why };
}

/** Why one thread does it (undefined: two may). */
function oneThreadWhy(db: Database.Database, total: number, from: number): string | undefined {
  if (total < from) return `${total} events: fewer than ${from}`;
  if (db.memory || db.name === '' || db.name === ':memory:') return 'a journal in memory';
  return undefined;
}

/** The worker thread reading part 1, and the wait for its answer. */
class RebuildThread implements OtherPart {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly stop: () => void;

  constructor(path: string, nativeBinding: string | undefined, toSeq: number, dir?: string) {
    const start = workerStart(dir ?? dirname(fileURLToPath(import.meta.url)), 'rebuildWorker');
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.unref();
    // The journal's own driver binding (Electron's, inside Electron) is passed on: the thread's default is Node's.
    const flag = this.flag.buffer as SharedArrayBuffer;
    const data: RebuildThreadData = { path, nativeBinding, part: 1, toSeq, port: port2, flag };
    // Started from a guard that raises the flag when the module cannot even be loaded (a broken
    // build): this thread waits blocked, and would hear of it through no 'error' event.
    const guarded = `const { workerData } = require('node:worker_threads');
${start.load}.catch((err) => {
  try {
    workerData.port.postMessage({ error: 'the rebuild thread did not start: ' + String((err && err.message) || err) });
  } finally {
    const flag = new Int32Array(workerData.flag);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
});`;
    const worker = startWorker(
      { ...start, code: guarded, eval: true },
      {
        workerData: data,
        transferList: [port2],
        // A small young generation: its orders outlive it anyway, and beside this thread's heap a
        // default one weighed 17 MB more at 1M events, no faster.
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      },
    );
    // Never what keeps the process alive; an error after its answer must not end the process.
    worker.unref();
    worker.on('error', () => undefined);
    this.stop = () => void worker.terminate();
  }

  /** Wait for the thread's answer (blocking: the caller is inside a synchronous transaction). */
  answer(): RebuildThreadAnswer {
    const waited = Atomics.wait(this.flag, 0, 0, ANSWER_WITHIN_MS);
    const message = receiveMessageOnPort(this.port)?.message as RebuildThreadAnswer | undefined;
    this.port.close();
    if (message === undefined) {
      this.stop();
      const error = waited === 'timed-out' ? 'did not answer in time' : 'ended without an answer';
      return { error: `the rebuild thread ${error}` };
    }
    return message;
  }

  /** This thread gave up: the other's answer is not wanted. */
  abandon(): void {
    this.port.close();
    this.stop();
  }
}
