/**
 * The one job runner: every kind of long job gets an id, the same progress and end pushes, one
 * Cancel, and its end fetched by id — including after it finished, for a window that asks late.
 */
import { describe, expect, it } from 'vitest';
import { LedgerJobs, yieldTurn, type JobEvents } from '../../electron/worker/ledgerJobs';

function recording() {
  const progress: Parameters<JobEvents['progress']>[0][] = [];
  const finished: Parameters<JobEvents['finished']>[0][] = [];
  const jobs = new LedgerJobs(
    { progress: (p) => progress.push(p), finished: (f) => finished.push(f), batch: () => {} },
    () => {},
  );
  return { jobs, progress, finished };
}

describe('the job runner', () => {
  it('keeps a finished job’s result and last progress, to fetch by its id', async () => {
    const { jobs, finished } = recording();
    const id = jobs.start('rules-observed', async (job) => {
      job.progress(5, 10, 'half way');
      job.progress(10, 10, 'all of it');
      return { result: { cells: 3 } };
    });
    expect(jobs.state(id)).toMatchObject({ state: 'running', kind: 'rules-observed' });
    const end = await jobs.whenFinished<{ cells: number }>(id);
    expect(end).toEqual({ ok: true, error: null, reports: [], result: { cells: 3 } });
    expect(jobs.state(id)).toMatchObject({
      state: 'done',
      done: 10,
      total: 10,
      message: 'all of it',
      result: { cells: 3 },
    });
    // Asked again after the end: the same answer at once.
    expect(await jobs.whenFinished(id)).toEqual(end);
    expect(finished).toEqual([{ jobId: id, kind: 'rules-observed', ok: true, error: null, reports: [] }]);
    expect(jobs.isRunning(id)).toBe(false);
  });

  it('forgets all but the last few finished jobs, in the order they finished', async () => {
    const { jobs } = recording();
    let release!: () => void;
    const slow = jobs.start(
      'rules-preview',
      () => new Promise<{ result: string }>((r) => (release = () => r({ result: 'slow' }))),
    );
    const quick: string[] = [];
    for (let i = 0; i < 8; i++) quick.push(jobs.start('pastOrders', () => Promise.resolve({})));
    await Promise.all(quick.map((id) => jobs.whenFinished(id)));
    await yieldTurn();
    release();
    await jobs.whenFinished(slow);
    // The one that finished last is kept though it started first; the first quick one is gone.
    expect(jobs.state(slow)?.result).toBe('slow');
    expect(jobs.state(quick[0]!)).toBeUndefined();
    expect(jobs.state(quick[7]!)?.state).toBe('done');
  });

  it('cancels a started job through its signal, and not a tracked one (the export)', async () => {
    const { jobs, finished } = recording();
    const id = jobs.start('rules-preview', async (job) => {
      while (!job.signal.aborted) await job.yieldTurn();
      return { result: { cancelled: true } };
    });
    const tracked = jobs.track('export');
    expect(jobs.isCancellable(tracked.jobId)).toBe(false);
    expect(jobs.cancel(tracked.jobId)).toBe(false);
    expect(jobs.cancel(id)).toBe(true);
    expect((await jobs.whenFinished(id))?.result).toEqual({ cancelled: true });
    expect(jobs.cancel(id)).toBe(false); // finished: nothing left to stop
    expect(jobs.isRunning(tracked.jobId)).toBe(true);
    tracked.progress(3, 3, 'Writing events');
    tracked.finish(false, 'the share is gone');
    tracked.finish(true, null); // once only
    expect(await jobs.whenFinished(tracked.jobId)).toMatchObject({ ok: false, error: 'the share is gone' });
    expect(finished.map((f) => [f.kind, f.ok])).toEqual([
      ['rules-preview', true],
      ['export', false],
    ]);
  });

  it('sends progress at most every 100 ms but always the last, and keeps every step in the state', async () => {
    const { jobs, progress } = recording();
    const id = jobs.start('import', async (job) => {
      for (let i = 1; i <= 50; i++) job.progress(i, 50, `${i}`);
      return { reports: [] };
    });
    await jobs.whenFinished(id);
    expect(progress.length).toBeLessThan(50);
    expect(progress.at(-1)).toMatchObject({ done: 50, total: 50 });
    expect(jobs.state(id)?.done).toBe(50);
  });
});
