/**
 * Long work of the journal worker: import, sample, rebuild, the rule tools' scans, the export
 * (and whatever a capability starts), in one runner.
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
  /** Report progress (kept in the job's state; sent as a `jobProgress` push at most every 100 ms). */
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

/**
 * What a job's work gives back: the reports of what it imported (sent with `jobFinished`), and/or
 * a result the window fetches by the job's id once it is done (a preview, a matrix).
 */
export interface JobOutcome<R = unknown> {
  reports?: ImportReport[];
  result?: R;
}

export interface JobResult<R = unknown> {
  ok: boolean;
  error: string | null;
  reports: ImportReport[];
  /** What the work returned as its result (`null` when it failed or returned none). */
  result: R | null;
}

/** Where a job stands, running or finished: what `state` answers for a job id. */
export interface JobState<R = unknown> extends JobResult<R> {
  kind: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number | null;
  message: string;
}

/** A job whose work runs elsewhere (the export service) and reports to the runner: see `track`. */
export interface TrackedJob {
  readonly jobId: string;
  progress(done: number, total: number | null, message: string): void;
  finish(ok: boolean, error: string | null): void;
}

interface Job {
  state: JobState;
  abort: AbortController;
  /** Whether Cancel can stop it (an export, once begun, goes to its end). */
  cancellable: boolean;
  waiting: ((result: JobResult) => void)[];
}

const PROGRESS_EVERY_MS = 100;
/** Finished jobs kept so a window that reloads (or polls late) still fetches the result. */
const KEEP_FINISHED = 8;

/**
 * Thrown by a job that stopped on Cancel with nothing to report (a rebuild): the job ends with
 * `ok: false` and this sentence as its error, and nothing goes to the log, since nothing failed.
 */
export class JobCancelled extends Error {
  override name = 'JobCancelled';
}

export const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The one table of long jobs of a journal: import, sample, rebuild, the rule tools' scans, the
 * orders as they stood, the export. Every job has an id, `jobProgress` / `jobFinished` pushes
 * of one shape, one Cancel (`cancel`, behind the `cancelJob` channel), and one way to get its
 * end (`state` for a window fetching by id, `whenFinished` for code waiting on it).
 */
export class LedgerJobs {
  private readonly jobs = new Map<string, Job>();
  private next = 1;

  constructor(
    private readonly events: JobEvents = { progress: () => {}, finished: () => {}, batch: () => {} },
    private readonly log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
  ) {}

  /** Start `run` on the next turn (so the caller has the id before the first push); returns the job id. */
  start<R>(kind: string, run: (ctx: JobContext) => Promise<JobOutcome<R>>): string {
    const { jobId, job, ctx } = this.open(kind, true);
    void yieldTurn()
      .then(() => run(ctx))
      .then(
        (outcome) =>
          this.finish(jobId, job, {
            ok: true,
            error: null,
            reports: outcome.reports ?? [],
            result: outcome.result ?? null,
          }),
        (e: unknown) => {
          // A job's error is a sentence for the person who started it (a file that cannot be read,
          // a journal that is not empty); the stack goes to the log only.
          if (!(e instanceof JobCancelled)) this.log(`[jobs] ${kind} ${jobId} failed`, e);
          const message = e instanceof Error ? e.message : String(e);
          this.finish(jobId, job, { ok: false, error: message, reports: [], result: null });
        },
      );
    return jobId;
  }

  /**
   * A job whose work is driven by someone else (the export service, which runs on its own
   * schedule as well as on request): it gets an id, progress and an end like any job, and
   * cannot be cancelled.
   */
  track(kind: string): TrackedJob {
    const { jobId, job, ctx } = this.open(kind, false);
    let ended = false;
    return {
      jobId,
      progress: ctx.progress,
      finish: (ok, error) => {
        if (ended) return;
        ended = true;
        this.finish(jobId, job, { ok, error, reports: [], result: null });
      },
    };
  }

  /**
   * Ask a job to stop after its current batch; what it committed stays (a rebuild commits only
   * at its end, so a cancelled one leaves everything as it was). Returns whether it was running.
   */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.state.state !== 'running' || !job.cancellable) return false;
    job.abort.abort();
    return true;
  }

  /** Where a job stands (running, or among the last finished ones); `undefined` for an id never given or forgotten. */
  state<R = unknown>(jobId: string): JobState<R> | undefined {
    return this.jobs.get(jobId)?.state as JobState<R> | undefined;
  }

  /** Resolves with the job's end (at once for a finished job still kept; `undefined` for an unknown id). */
  whenFinished<R = unknown>(jobId: string): Promise<JobResult<R> | undefined> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.resolve(undefined);
    if (job.state.state !== 'running') return Promise.resolve(resultOf(job.state) as JobResult<R>);
    return new Promise((resolve) => job.waiting.push(resolve as (r: JobResult) => void));
  }

  isRunning(jobId: string): boolean {
    return this.jobs.get(jobId)?.state.state === 'running';
  }

  /** Whether Cancel can stop this job (every job but a tracked one). */
  isCancellable(jobId: string): boolean {
    return this.jobs.get(jobId)?.cancellable ?? false;
  }

  runningCount(): number {
    let n = 0;
    for (const job of this.jobs.values()) if (job.state.state === 'running') n++;
    return n;
  }

  /** Cancel everything (the journal is about to close). */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.cancellable) job.abort.abort();
  }

  /** Resolve once no started job runs (tests, closing the journal); tracked jobs end on their own. */
  async idle(): Promise<void> {
    while ([...this.jobs.values()].some((j) => j.cancellable && j.state.state === 'running')) await yieldTurn();
  }

  private open(kind: string, cancellable: boolean): { jobId: string; job: Job; ctx: JobContext } {
    const jobId = `${kind}-${Date.now().toString(36)}-${this.next++}`;
    const abort = new AbortController();
    const job: Job = {
      state: {
        kind,
        state: 'running',
        done: 0,
        total: null,
        message: '',
        ok: false,
        error: null,
        reports: [],
        result: null,
      },
      abort,
      cancellable,
      waiting: [],
    };
    this.jobs.set(jobId, job);
    let lastProgress = 0;
    const ctx: JobContext = {
      signal: abort.signal,
      progress: (done, total, message) => {
        Object.assign(job.state, { done, total, message });
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
    return { jobId, job, ctx };
  }

  private finish(jobId: string, job: Job, result: JobResult): void {
    job.state = { ...job.state, ...result, state: result.ok ? 'done' : 'failed' };
    // Kept in the order they finished, so the last few to end are the ones kept.
    this.jobs.delete(jobId);
    this.jobs.set(jobId, job);
    const waiting = job.waiting;
    job.waiting = [];
    this.forgetOld();
    for (const resolve of waiting) resolve(result);
    this.events.batch();
    this.events.finished({
      jobId,
      kind: job.state.kind,
      ok: result.ok,
      error: result.error,
      reports: result.reports,
    });
  }

  private forgetOld(): void {
    const finished = [...this.jobs].filter(([, j]) => j.state.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}

function resultOf(s: JobState): JobResult {
  return { ok: s.ok, error: s.error, reports: s.reports, result: s.result };
}
