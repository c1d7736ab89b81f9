import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerWorker } from '../../electron/worker/ledgerWorker';
import { importWork } from '../../electron/worker/importWork';
import type { IncomingEvent } from '../../electron/journal/types';

describe('the journal worker (without the thread)', () => {
  let dir: string;
  let worker: LedgerWorker;
  let pushes: { name: string; payload: unknown }[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-worker-'));
    pushes = [];
    worker = new LedgerWorker(
      { journalPath: join(dir, 'a.db'), settingsFile: null, validateResponses: true },
      { work: importWork, send: (name, payload) => pushes.push({ name, payload }) },
    );
  });
  afterEach(async () => {
    await worker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs every window out when another journal is opened, and keeps the journal when a file is not one', async () => {
    await worker.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, 'w1');
    expect((await worker.call('listOrders', {}, 'w1')).ok).toBe(true);
    const notAJournal = join(dir, 'notes.db');
    writeFileSync(notAJournal, 'this is not SQLite at all, just text that goes on for a while');
    await expect(worker.open(notAJournal)).rejects.toThrow();
    expect(worker.journal.path).toBe(join(dir, 'a.db'));
    expect((await worker.call('listOrders', {}, 'w1')).ok).toBe(true);
    await worker.open(join(dir, 'b.db'));
    expect(worker.journal.path).toBe(join(dir, 'b.db'));
    const r = await worker.call('listOrders', {}, 'w1');
    expect(!r.ok && r.error.code).toBe('not-signed-in');
  });

  it('answers an unknown channel with invalid-request', async () => {
    const r = await worker.call('dropTables', {}, 'w1');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('pushes the orders that changed, at most 1000 of them, and says when there were more', () => {
    const events: IncomingEvent[] = Array.from({ length: 1005 }, (_, i) => ({
      event: {
        eventId: `e-${i}`,
        type: 'OrderCreated',
        orderId: `o-${String(i).padStart(5, '0')}`,
        initiatedBy: { id: 'oms', role: 'System' },
        timestamp: '2024-03-01T10:00:00Z',
        data: { lines: [{ sku: 'A', qty: 1 }] },
      },
      instant: Date.parse('2024-03-01T10:00:00Z'),
    }));
    worker.journal.appendBatch(events.slice(0, 4), 'test');
    worker.checkChanges();
    worker.journal.appendBatch(events.slice(4), 'test'); // 1001 orders
    worker.checkChanges();
    worker.checkChanges(); // nothing new: no push
    const changed = pushes.filter((p) => p.name === 'journalChanged').map((p) => p.payload);
    expect(changed).toEqual([
      { lastSeq: 4, orderIds: ['o-00000', 'o-00001', 'o-00002', 'o-00003'], truncated: false },
      expect.objectContaining({ lastSeq: 1005, truncated: true }),
    ]);
    expect((changed[1] as { orderIds: string[] }).orderIds).toHaveLength(1000);
  });
});
