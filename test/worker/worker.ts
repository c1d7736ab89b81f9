/**
 * A journal worker (without the thread) on a generated history long enough for three chunks of
 * reading, with the Supervisor "sue" signed in at window "w1": what the tests of long work in
 * turns (rebuild, verify) start from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LedgerResult } from '../../electron/worker/handlers/dispatch';
import { importWork } from '../../electron/worker/importWork';
import { LedgerWorker } from '../../electron/worker/ledgerWorker';
import { REPLAY_CHUNK } from '../../electron/journal/replay';
import { generateHistory } from '../../electron/seed/generate';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';

export function answer<T>(result: LedgerResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.response as T;
}

export interface WorkerOnHistory {
  worker: LedgerWorker;
  /** What the worker pushed to the windows, in order. */
  pushes: { name: string; payload: unknown }[];
  close(): Promise<void>;
}

export async function workerOnHistory(seed: number): Promise<WorkerOnHistory> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-worker-'));
  const pushes: WorkerOnHistory['pushes'] = [];
  const worker = new LedgerWorker(
    { journalPath: join(dir, 'journal.db'), settingsFile: null, validateResponses: true },
    { work: importWork, send: (name, payload) => pushes.push({ name, payload }) },
  );
  const events = [...(generateHistory({ orders: 2500, seed }) as Iterable<OrderEvent>)].map((event) => ({
    event,
    instant: instantOf(event.timestamp),
  }));
  worker.journal.appendBatch(events, 'seed');
  expect(worker.journal.lastSeq()).toBeGreaterThan(2 * REPLAY_CHUNK);
  answer(await worker.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, 'w1'));
  return {
    worker,
    pushes,
    async close() {
      await worker.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
