/**
 * Verify through the journal worker (without the thread): the check runs in turns, so another
 * window's requests are answered while a large journal is being checked, and what they record
 * meanwhile is checked too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LedgerWorker } from '../../electron/jobs/ledgerWorker';
import { importWork } from '../../electron/jobs/importWork';
import { yieldTurn } from '../../electron/jobs/ledgerJobs';
import { JournalCheck } from '../../electron/journal/verify';
import { REPLAY_CHUNK } from '../../electron/journal/replay';
import { generateHistory } from '../../electron/seed/generate';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import type { LedgerResult } from '../../electron/ipc/dispatch';
import type { VerifyReport } from '../../shared/contract/records';

function answer<T>(result: LedgerResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.response as T;
}

describe('verify in the journal worker', () => {
  let dir: string;
  let worker: LedgerWorker;
  const chunks = vi.spyOn(JournalCheck.prototype, 'readChunk');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
    worker = new LedgerWorker(
      { journalPath: join(dir, 'journal.db'), settingsFile: null, validateResponses: true },
      { work: importWork, send: () => {} },
    );
    // Enough events for three chunks.
    const events = [...(generateHistory({ orders: 2500, seed: 5 }) as Iterable<OrderEvent>)].map((event) => ({
      event,
      instant: instantOf(event.timestamp),
    }));
    worker.journal.appendBatch(events, 'seed');
    expect(worker.journal.lastSeq()).toBeGreaterThan(2 * REPLAY_CHUNK);
    answer(await worker.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, 'w1'));
  });
  afterAll(async () => {
    await worker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers another window between two chunks, and checks what it recorded meanwhile', async () => {
    chunks.mockClear();
    let report: VerifyReport | undefined;
    const verifying = worker.call('verify', {}, 'w1').then((r) => (report = answer<VerifyReport>(r)));
    while (chunks.mock.calls.length === 0) await yieldTurn();

    // Another window, while the first chunk has been checked and the rest has not.
    answer(await worker.call('signIn', { operatorId: 'sue', password: 'password-1' }, 'w2'));
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
    expect(report).toEqual({ ok: true, events: corrected.seq, firstBadSeq: null, problem: null });
  });
});
