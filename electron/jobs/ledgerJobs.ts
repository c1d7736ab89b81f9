/**
 * Long work of the journal worker: import, sample, rebuild (and whatever a capability starts).
 *
 * They run in the same worker as the journal, not in a second one: better-sqlite3 connections
 * cannot be shared between threads, and a second connection writing the same file would only
 * wait on SQLite's lock. Instead a job works in batches (one transaction each), checks its
 * cancel flag between batches and yields with `setImmediate`, so requests from the windows are
 * answered between two batches and the window never waits long.
 */
import type { ImportReport } from '../../shared/contract/records';

export interface JobContext {
  readonly signal: AbortSignal;
  /** Report progress (sent as a `jobProgress` push, at most every 100 ms). */
  progress(done: number, total: number | null, message: string): void;
  /** A batch was committed: the worker pushes what changed in the journal. */
  batchDone(): void;
  /** Give the worker a turn between two batches: requests and pushes go out here. */
  yieldTurn(): Promise<void>;
}

export interface JobEvents {
  progress(p: { jobId: string; kind: string; done: number; total: number | null; message: string }): void;
  finished(p: { jobId: string; kind: string; ok: boolean; error: string | null; reports: ImportReport[] }): void;
  /** Called between batches: the worker pushes journal changes from here. */
  batch(): void;
}

interface RunningJob {
  kind: string;
  abort: AbortController;
  waiting: ((result: JobResult) => void)[];
}

export interface JobResult {
  ok: boolean;
  error: string | null;
  reports: ImportReport[];
}

const PROGRESS_EVERY_MS = 100;

/**
 * Thrown by a job that stopped on Cancel with nothing to report (a rebuild): the job ends with
 * `ok: false` and this sentence as its error, and nothing goes to the log, since nothing failed.
 */
export class JobCancelled extends Error {
  override name = 'JobCancelled';
}

export const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class LedgerJobs {
  private readonly running = new Map<string, RunningJob>();
  private next = 1;

  constructor(
    private readonly events: JobEvents,
    private readonly log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
  ) {}

  /** Start `run` on the next turn (so the caller has the id before the first push); returns the job id. */
  start(kind: string, run: (ctx: JobContext) => Promise<ImportReport[]>): string {
    const jobId = `${kind}-${Date.now().toString(36)}-${this.next++}`;
    const abort = new AbortController();
    this.running.set(jobId, { kind, abort, waiting: [] });
    let lastProgress = 0;
    const ctx: JobContext = {
      signal: abort.signal,
      progress: (done, total, message) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_EVERY_MS && (total === null || done < total)) return;
        lastProgress = now;
        this.events.progress({ jobId, kind, done, total, message });
      },
      batchDone: () => this.events.batch(),
      yieldTurn: async () => {
        this.events.batch();
        await yieldTurn();
      },
    };
    void yieldTurn()
      .then(() => run(ctx))
      .then(
        (reports) => this.finish(jobId, kind, { ok: true, error: null, reports }),
        (e: unknown) => {
          // A job's error is a sentence for the person who started it (a file that cannot be read,
          // a journal that is not empty); the stack goes to the log only.
          if (!(e instanceof JobCancelled)) this.log(`[jobs] ${kind} ${jobId} failed`, e);
          const message = e instanceof Error ? e.message : String(e);
          this.finish(jobId, kind, { ok: false, error: message, reports: [] });
        },
      );
    return jobId;
  }

  /**
   * Ask a job to stop after its current batch; what it committed stays (a rebuild commits only
   * at its end, so a cancelled one leaves everything as it was). Returns whether it was running.
   */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.abort.abort();
    return true;
  }

  /** Resolves with the job's end (at once with `undefined` for a job that is not running). */
  whenFinished(jobId: string): Promise<JobResult | undefined> {
    const job = this.running.get(jobId);
    if (!job) return Promise.resolve(undefined);
    return new Promise((resolve) => job.waiting.push(resolve));
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  runningCount(): number {
    return this.running.size;
  }

  /** Cancel everything (the journal is about to close). */
  cancelAll(): void {
    for (const job of this.running.values()) job.abort.abort();
  }

  /** Resolve once no job runs (tests, closing the journal). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await yieldTurn();
  }

  private finish(jobId: string, kind: string, result: JobResult): void {
    const waiting = this.running.get(jobId)?.waiting ?? [];
    this.running.delete(jobId);
    for (const resolve of waiting) resolve(result);
    this.events.batch();
    this.events.finished({ jobId, kind, ...result });
  }
}
