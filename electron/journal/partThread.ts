/**
 * The second thread of a whole-journal read done in two parts of the orders (./rebuildParts):
 * rebuild's (./rebuildInTwo) and verify's (./verifyInTwo). The thread reads its part on a
 * read-only connection of its own (./partWorker) while this one reads the other, then this one
 * waits for its answer.
 *
 * The wait blocks (`Atomics.wait` on a flag the thread raises), because the reader waiting is
 * inside a transaction of a synchronous driver: it sees no message and no 'error' event until
 * the flag moves. So the thread's answer goes through a port before the flag is raised, on every
 * path, and the thread is started from a guard that raises the flag when its module cannot even
 * be loaded (a broken build).
 */
import type Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { startWorker, workerStart } from '../worker/workerFile';
import { inMemory, nativeBindingOf } from './open';

/** Below this many events, one thread reads sooner than two (a thread takes about 0.1 s to start). */
export const TWO_THREADS_FROM = 100_000;

/** How a read in two was done: in two threads, or in one, and why. */
export type ThreadsUsed = { threads: 2 } | { threads: 1; why: string };

/** Why one thread reads it all (undefined: two may). */
export function oneThreadWhy(db: Database.Database, total: number, from: number): string | undefined {
  if (total < from) return `${total} events: fewer than ${from}`;
  if (inMemory(db)) return 'a journal in memory';
  return undefined;
}

/**
 * The thread that reads part 1 of `db`'s journal (its code: `name`.js beside `dir`, by default
 * beside this code), or why one thread reads it all: too few events, a journal in memory, or no
 * thread to be had.
 */
export function partThreadFor<T>(
  db: Database.Database,
  total: number,
  what: string,
  name: string,
  options: { twoThreadsFrom?: number | undefined; threadDir?: string | undefined; work?: unknown },
): PartThread<T> | { why: string } {
  const why = oneThreadWhy(db, total, options.twoThreadsFrom ?? TWO_THREADS_FROM);
  if (why !== undefined) return { why };
  try {
    return new PartThread<T>(
      what,
      name,
      { path: db.name, nativeBinding: nativeBindingOf(db), toSeq: total, work: options.work },
      options.threadDir,
    );
  } catch (err) {
    return { why: `no thread: ${(err as Error).message}` };
  }
}

/** What every part thread is started with, beside what its own work needs. */
export interface PartThreadData {
  /** The journal's file, opened read-only by the thread. */
  path: string;
  /** The journal's own driver binding (Electron's, inside Electron): the thread's default is Node's. */
  nativeBinding: string | undefined;
  part: 0 | 1;
  /** The last seq both parts read to. */
  toSeq: number;
  port: MessagePort;
  /** Raised (set to 1) once the answer is on the port. */
  flag: SharedArrayBuffer;
  /** What the part's work needs beyond the journal (plain values). */
  work?: unknown;
}

/** What a part's thread answers: its part's outcome, or why it has none. */
export type ThreadAnswer<T> = T | { error: string };

/** The other part, read elsewhere: its answer once it is read (waiting for it), or never. */
export interface OtherPart<T> {
  answer(): ThreadAnswer<T>;
  abandon(): void;
}

/** The same, for a reader that must not block while it waits (the journal's worker answers windows meanwhile). */
export interface OtherPartLater<T> {
  answerLater(): Promise<ThreadAnswer<T>>;
  abandon(): void;
}

/** How long a thread's answer is waited for before one thread does it all (ms). */
const ANSWER_WITHIN_MS = 30 * 60_000;

/** A worker thread reading part 1 of the journal at `path` (its code: `name`.js beside `dir`). */
export class PartThread<T> implements OtherPart<T>, OtherPartLater<T> {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly stop: () => void;
  /** Settles with the thread's answer, or with why there is none, once the thread has answered or ended. */
  private readonly answered: Promise<ThreadAnswer<T>>;

  /** `what` names the thread in its errors ("the rebuild thread"). Throws when its code cannot be found. */
  constructor(
    private readonly what: string,
    name: string,
    data: Omit<PartThreadData, 'port' | 'flag' | 'part'>,
    dir: string = dirname(fileURLToPath(import.meta.url)),
  ) {
    const start = workerStart(dir, name);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.unref();
    const workerData: PartThreadData = { ...data, part: 1, port: port2, flag: this.flag.buffer as SharedArrayBuffer };
    const guarded = `const { workerData } = require('node:worker_threads');
${start.load}.catch((err) => {
  try {
    workerData.port.postMessage({ error: ${JSON.stringify(`${what} did not start: `)} + String((err && err.message) || err) });
  } finally {
    const flag = new Int32Array(workerData.flag);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
});`;
    const worker = startWorker(
      { ...start, code: guarded, eval: true },
      {
        workerData,
        transferList: [port2],
        // A small young generation: its orders outlive it anyway, and beside this thread's heap a
        // default one weighed 17 MB more at 1M events (a rebuild), no faster.
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      },
    );
    // Never what keeps the process alive; an error after its answer must not end the process.
    worker.unref();
    worker.on('error', () => undefined);
    this.stop = () => void worker.terminate();
    this.answered = new Promise((resolve) => {
      port1.once('message', (message: ThreadAnswer<T>) => resolve(message));
      worker.once('error', (err) => resolve({ error: `${what} failed: ${err.message}` }));
      // An answer posted just before the end is still on the port when 'exit' comes.
      worker.once('exit', () => setImmediate(() => resolve({ error: `${what} ended without an answer` })));
    });
  }

  /** Wait for the thread's answer (blocking: the caller is inside a synchronous transaction). */
  answer(): ThreadAnswer<T> {
    const waited = Atomics.wait(this.flag, 0, 0, ANSWER_WITHIN_MS);
    const message = receiveMessageOnPort(this.port)?.message as ThreadAnswer<T> | undefined;
    this.port.close();
    if (message === undefined) {
      this.stop();
      const error = waited === 'timed-out' ? 'did not answer in time' : 'ended without an answer';
      return { error: `${this.what} ${error}` };
    }
    return message;
  }

  /** Wait for the thread's answer without blocking (for the journal's worker). */
  answerLater(): Promise<ThreadAnswer<T>> {
    return this.answered.finally(() => this.port.close());
  }

  /** This thread gave up: the other's answer is not wanted. */
  abandon(): void {
    this.port.close();
    this.stop();
  }
}
