/**
 * Long jobs (import, sample, rebuild) as the journal reports them. Progress and the final
 * reports arrive as pushes; the import page and the first-run screen read them from here.
 */
import { create } from 'zustand';
import type { LedgerApi, Pushes } from '../../shared/contract/channels';
import type { z } from 'zod';
import { invalidateAfterChange } from './queries';

export type JobProgress = z.output<Pushes['jobProgress']>;
export type JobFinished = z.output<Pushes['jobFinished']>;

export interface Job {
  jobId: string;
  kind: string;
  label: string;
  done: number;
  total: number | null;
  message: string;
  finished: JobFinished | null;
}

interface JobsState {
  jobs: Job[];
  started(jobId: string, kind: string, label: string): void;
  progress(p: JobProgress): void;
  finished(f: JobFinished): void;
}

const KEEP = 20;

/** How a job started elsewhere is named, where its kind alone says too little. */
const KIND_LABELS: Record<string, string> = {
  rebuild: 'Rebuild of the projections',
  pastOrders: 'The orders list as it stood',
};

export const useJobs = create<JobsState>((set, get) => ({
  jobs: [],
  started: (jobId, kind, label) => {
    // Progress may arrive before the answer that names the job: then only the label is new.
    if (get().jobs.some((j) => j.jobId === jobId)) {
      set({ jobs: get().jobs.map((j) => (j.jobId === jobId ? { ...j, label } : j)) });
      return;
    }
    const job: Job = { jobId, kind, label, done: 0, total: null, message: 'Starting…', finished: null };
    set({ jobs: [job, ...get().jobs].slice(0, KEEP) });
  },
  progress: (p) => set({ jobs: upsert(get().jobs, p.jobId, p.kind, (j) => ({ ...j, ...p })) }),
  finished: (f) =>
    set({
      jobs: upsert(get().jobs, f.jobId, f.kind, (j) => ({
        ...j,
        finished: f,
        message: f.ok ? 'Finished' : (f.error ?? 'Failed'),
      })),
    }),
}));

function upsert(jobs: Job[], jobId: string, kind: string, change: (j: Job) => Job): Job[] {
  const i = jobs.findIndex((j) => j.jobId === jobId);
  if (i < 0) {
    // A job started elsewhere (the inbox folder, another window): show it all the same.
    const fresh: Job = {
      jobId,
      kind,
      label: KIND_LABELS[kind] ?? kind,
      done: 0,
      total: null,
      message: '',
      finished: null,
    };
    return [change(fresh), ...jobs].slice(0, KEEP);
  }
  return jobs.map((j, k) => (k === i ? change(j) : j));
}

export function subscribeJobs(api: Pick<LedgerApi, 'on'>): () => void {
  const a = api.on('jobProgress', (p) => useJobs.getState().progress(p));
  const b = api.on('jobFinished', (f) => {
    useJobs.getState().finished(f);
    // A finished job may have written what no change push names (an import's refused lines):
    // every cached read is read again.
    void invalidateAfterChange(null);
  });
  return () => {
    a();
    b();
  };
}

/** Share done, 0..1, or null while the total is unknown. */
export function fractionDone(job: Pick<Job, 'done' | 'total' | 'finished'>): number | null {
  if (job.finished) return 1;
  if (job.total === null || job.total <= 0) return null;
  return Math.max(0, Math.min(1, job.done / job.total));
}
