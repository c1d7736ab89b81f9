/**
 * The rebuild job in the journal worker (without the thread): requests are answered between two
 * chunks of events read, Cancel leaves the projections exactly as they were, and the job reports
 * its progress and its end.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LedgerWorker } from '../../electron/worker/ledgerWorker';
import { yieldTurn } from '../../electron/worker/ledgerJobs';
import { REBUILD_CANCELLED } from '../../electron/worker/rebuildJob';
import { ProjectionRebuild } from '../../electron/journal/rebuild';
import { REPLAY_CHUNK } from '../../electron/journal/replay';
import { answer, workerOnHistory, type WorkerOnHistory } from './worker';

describe('the rebuild job', () => {
  let worker: LedgerWorker;
  let pushes: WorkerOnHistory['pushes'];
  let close: () => Promise<void>;
  const chunks = vi.spyOn(ProjectionRebuild.prototype, 'readChunk');

  beforeAll(async () => {
    ({ worker, pushes, close } = await workerOnHistory(3));
  });
  afterAll(async () => close());

  /** Start a rebuild through its channel and wait until its first chunk is read. */
  async function startRebuild(): Promise<string> {
    chunks.mockClear();
    pushes.length = 0;
    const { jobId } = answer<{ jobId: string }>(await worker.call('rebuild', {}, 'w1'));
    while (chunks.mock.calls.length === 0 && worker.longJobs.isRunning(jobId)) await yieldTurn();
    return jobId;
  }

  const finished = () => pushes.filter((p) => p.name === 'jobFinished').map((p) => p.payload);
  const progress = () =>
    pushes.filter((p) => p.name === 'jobProgress').map((p) => p.payload as { done: number; total: number });

  it('answers requests, and takes a correction, between two chunks', async () => {
    const lastSeq = worker.journal.lastSeq();
    const flagged = worker.journal
      .anomalies({ open: true, limit: 10_000 })
      .find((a) => a.seq <= REPLAY_CHUNK && a.severity === 'error')!;
    expect(flagged).toBeDefined();
    const jobId = await startRebuild();

    const orders = await worker.call('listOrders', { limit: 5 }, 'w1');
    expect(orders.ok).toBe(true);
    // A correction resolving an anomaly of an event the rebuild has already read.
    const corrected = answer<{ seq: number }>(
      await worker.call(
        'correct',
        {
          orderId: flagged.orderId,
          status: 'Packed',
          reason: 'Found on the packing bench',
          correctsEventId: flagged.eventId,
          expectedSeq: worker.journal.order(flagged.orderId)!.lastSeq,
        },
        'w1',
      ),
    );
    // Both answered while the rebuild was still reading: after its first chunk, before its last.
    expect(worker.longJobs.isRunning(jobId)).toBe(true);
    expect(chunks.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(chunks.mock.calls.length).toBeLessThan(Math.ceil(lastSeq / REPLAY_CHUNK));

    expect(await worker.longJobs.whenFinished(jobId)).toEqual({ ok: true, error: null, reports: [], result: null });
    expect(finished()).toEqual([{ jobId, kind: 'rebuild', ok: true, error: null, reports: [] }]);
    expect(progress().at(-1)).toMatchObject({ done: corrected.seq, total: corrected.seq });
    expect(worker.journal.order(flagged.orderId)?.status).toBe('Packed');
    expect(
      worker.journal.anomalies({ orderId: flagged.orderId, limit: 100 }).find((a) => a.id === flagged.id),
    ).toMatchObject({ open: false, resolvedBySeq: corrected.seq });
    expect(worker.journal.verify()).toMatchObject({ ok: true, events: corrected.seq });
  });

  it('stops on Cancel without writing anything, and says so', async () => {
    const before = {
      orders: worker.journal.orders({ limit: 1000 }),
      anomalies: worker.journal.anomalies({ limit: 1000 }),
      counts: worker.journal.statusCounts(),
    };
    const jobId = await startRebuild();
    answer(await worker.call('cancelJob', { jobId }, 'w1'));
    const result = await worker.longJobs.whenFinished(jobId);
    expect(result).toEqual({ ok: false, error: REBUILD_CANCELLED, reports: [], result: null });
    expect(finished()).toEqual([{ jobId, kind: 'rebuild', ok: false, error: REBUILD_CANCELLED, reports: [] }]);
    // It stopped reading: it did not go on to the end.
    expect(chunks.mock.calls.length).toBeLessThan(Math.ceil(worker.journal.lastSeq() / REPLAY_CHUNK));
    expect({
      orders: worker.journal.orders({ limit: 1000 }),
      anomalies: worker.journal.anomalies({ limit: 1000 }),
      counts: worker.journal.statusCounts(),
    }).toEqual(before);
    expect(worker.journal.verify()).toMatchObject({ ok: true });
  });
});
