/**
 * The rule tools' background jobs (preview, observed transitions): started by one request,
 * watched through progress pushes, cancelled by another request, and their result fetched
 * when done. A finished job is kept until a few newer ones have finished, so a window that
 * reloads can still fetch its result.
 */
export type RuleJobKind = 'rules-preview' | 'rules-observed';

export interface RuleJobState<R> {
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number | null;
  error: string | null;
  result: R | null;
}

export interface RuleJobProgress {
  jobId: string;
  kind: RuleJobKind;
  done: number;
  total: number | null;
  message: string;
}

export interface RuleJobContext {
  signal: { readonly aborted: boolean };
  progress(done: number, total: number): void;
}

interface Job {
  kind: RuleJobKind;
  state: RuleJobState<unknown>;
  abort: AbortController;
}

const KEEP_FINISHED = 8;

export class RuleJobs {
  private readonly jobs = new Map<string, Job>();
  private next = 1;

  constructor(
    /** Where progress goes (the `jobProgress` push). */
    private readonly onProgress: (p: RuleJobProgress) => void = () => {},
    /** When a job ends (the `jobFinished` push). */
    private readonly onFinished: (p: {
      jobId: string;
      kind: RuleJobKind;
      ok: boolean;
      error: string | null;
    }) => void = () => {},
  ) {}

  start<R>(kind: RuleJobKind, run: (ctx: RuleJobContext) => Promise<R>): string {
    const jobId = `${kind}-${Date.now().toString(36)}-${this.next++}`;
    const abort = new AbortController();
    const job: Job = { kind, abort, state: { state: 'running', done: 0, total: null, error: null, result: null } };
    this.jobs.set(jobId, job);
    const label =
      kind === 'rules-preview' ? 'Replaying the history under the candidate rules' : 'Counting status changes';
    const ctx: RuleJobContext = {
      signal: abort.signal,
      progress: (done, total) => {
        job.state.done = done;
        job.state.total = total;
        this.onProgress({ jobId, kind, done, total, message: `${label}: ${done} of ${total} events` });
      },
    };
    // Start on the next turn so the caller has the id before the first progress report.
    void Promise.resolve()
      .then(() => run(ctx))
      .then(
        (result) => {
          job.state = { ...job.state, state: 'done', result };
          this.onFinished({ jobId, kind, ok: true, error: null });
        },
        (e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          job.state = { ...job.state, state: 'failed', error: message };
          this.onFinished({ jobId, kind, ok: false, error: message });
        },
      )
      .finally(() => this.forgetOld());
    return jobId;
  }

  /** Where a job stands, or `undefined` for an id this table never gave (or forgot). */
  state<R>(jobId: string): RuleJobState<R> | undefined {
    return this.jobs.get(jobId)?.state as RuleJobState<R> | undefined;
  }

  kindOf(jobId: string): RuleJobKind | undefined {
    return this.jobs.get(jobId)?.kind;
  }

  /** Ask a running job to stop; its result then covers what it replayed. Returns whether the id is known. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.abort.abort();
    return true;
  }

  /** Wait for a job to end (tests and the command line). */
  async settle<R>(jobId: string): Promise<RuleJobState<R>> {
    for (;;) {
      const s = this.state<R>(jobId);
      if (!s) throw new Error(`no rule job ${jobId}`);
      if (s.state !== 'running') return s;
      await new Promise((r) => setImmediate(r));
    }
  }

  private forgetOld(): void {
    const finished = [...this.jobs].filter(([, j]) => j.state.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
