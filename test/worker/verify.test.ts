/**
 * Verify through the journal worker (without the thread): the check runs in turns, so another
 * window's requests are answered while a large journal is being checked, and what they record
 * meanwhile is checked too.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LedgerWorker } from '../../electron/worker/ledgerWorker';
import { yieldTurn } from '../../electron/worker/ledgerJobs';
import { JournalCheck } from '../../electron/journal/verify';
import { REPLAY_CHUNK } from '../../electron/journal/replay';
import type { VerifyReport } from '../../shared/contract/records';
import { answer, workerOnHistory } from './worker';

describe('verify in the journal worker', () => {
  let worker: LedgerWorker;
  let close: () => Promise<void>;
  const chunks = vi.spyOn(JournalCheck.prototype, 'readChunk');

  beforeAll(async () => {
    ({ worker, close } = await workerOnHistory(5));
  });
  afterAll(async () => close());

  it('answers another window between two chunks, and checks what it recorded meanwhile', async () => {
    // The other window signs in first: the password check (scrypt, off the thread) takes as long
    // as the machine makes it, and verify would go on checking chunks meanwhile.
    answer(await worker.call('signIn', { operatorId: 'sue', password: 'password-1' }, 'w2'));
    chunks.mockClear();
    let report: VerifyReport | undefined;
    const verifying = worker.call('verify', {}, 'w1').then((r) => (report = answer<VerifyReport>(r)));
    while (chunks.mock.calls.length === 0) await yieldTurn();

    // Another window, while the first chunk has been checked and the rest has not.
    const { rows } = answer<{ rows: { orderId: string; lastSeq: number; status: string | null }[] }>(
      await worker.call('listOrders', { limit: 50 }, 'w2'),
    );
    const order = rows.find((o) => o.status !== null && o.status !== 'OnHold')!;
    const corrected = answer<{ seq: number }>(
      await worker.call(
        'correct',
        {
          orderId: order.orderId,
          status: 'OnHold',
          reason: 'Held while the count is checked',
          expectedSeq: order.lastSeq,
        },
        'w2',
      ),
    );
    expect(report).toBeUndefined();
    expect(chunks.mock.calls.length).toBeLessThan(Math.ceil(corrected.seq / REPLAY_CHUNK));

    await verifying;
    expect(report).toEqual({
      ok: true,
      events: corrected.seq,
      firstBadSeq: null,
      problem: null,
      anchors: { exports: 0, bundles: 0, folders: [], unreachable: [] },
    });
  });
});
