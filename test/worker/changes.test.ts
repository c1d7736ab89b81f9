/**
 * The change pushes: the worker's own writes are pushed from what the commit recorded, on the
 * next turn and without reading the rows back; a write by another process on the same file is
 * still noticed (read back) when the worker looks; and the windows hear of every seq in order.
 */
import { describe, expect, it, vi } from 'vitest';
import { ChangeWatcher } from '../../electron/worker/changes';
import { yieldTurn } from '../../electron/worker/ledgerJobs';
import type { Push } from '../../electron/worker/handlers/context';
import { created, freshJournal, reopen, statusTo } from '../journal/helpers';

function watching() {
  const journal = freshJournal();
  const pushes: { name: string; payload: unknown }[] = [];
  const push: Push = (name, payload) => pushes.push({ name, payload });
  const readBack = vi.spyOn(journal, 'iterateEvents');
  const watcher = new ChangeWatcher(journal, push);
  return { journal, pushes, readBack, watcher };
}

describe('change pushes', () => {
  it('pushes the worker’s own write on the next turn, from the commit, without reading it back', async () => {
    const { journal, pushes, readBack } = watching();
    journal.appendBatch([created('A-1'), created('A-2')], 'test');
    journal.appendBatch([statusTo('A-1', 'Packed')], 'test'); // an error: Pending → Packed is not allowed
    expect(pushes).toEqual([]); // not inside the caller's turn…
    await yieldTurn();
    // …but at once after it, both commits of the turn in one push.
    expect(pushes.map((p) => p.name)).toEqual(['journalChanged', 'newErrorAnomalies']);
    expect(pushes[0]!.payload).toEqual({ lastSeq: 3, orderIds: ['A-1', 'A-2'], truncated: false });
    expect(pushes[1]!.payload).toMatchObject({ count: 1, examples: [{ seq: 3, orderId: 'A-1', severity: 'error' }] });
    expect(readBack).not.toHaveBeenCalled();
  });

  it('tells nothing of a write that did not commit', async () => {
    const { journal, pushes } = watching();
    journal.appendBatch([created('B-1')], 'test');
    await yieldTurn();
    pushes.length = 0;
    const bad = { ...created('B-2'), instant: Number.NaN };
    expect(() => journal.appendBatch([created('B-3'), bad], 'test')).toThrow();
    await yieldTurn();
    expect(pushes).toEqual([]);
    journal.appendBatch([created('B-4')], 'test');
    await yieldTurn();
    expect(pushes).toEqual([{ name: 'journalChanged', payload: { lastSeq: 2, orderIds: ['B-4'], truncated: false } }]);
  });

  it('notices a write by another process when it looks, and keeps the seqs in order around it', async () => {
    const { journal, pushes, readBack, watcher } = watching();
    journal.appendBatch([created('C-1')], 'test');
    await yieldTurn();
    // The command line, on the same file.
    const other = reopen(journal.path);
    other.appendBatch([created('C-2')], 'cli');
    watcher.check();
    expect(readBack).toHaveBeenCalledTimes(1);
    expect(pushes.at(-1)).toEqual({
      name: 'journalChanged',
      payload: { lastSeq: 2, orderIds: ['C-2'], truncated: false },
    });
    // Another outside write, then one of ours before anyone looked: the outside one is read
    // back first, then ours is pushed from its commit.
    other.appendBatch([created('C-3')], 'cli');
    journal.appendBatch([created('C-4')], 'test');
    await yieldTurn();
    expect(pushes.slice(-2).map((p) => p.payload)).toEqual([
      { lastSeq: 3, orderIds: ['C-3'], truncated: false },
      { lastSeq: 4, orderIds: ['C-4'], truncated: false },
    ]);
    watcher.check();
    expect(pushes).toHaveLength(4); // nothing new
  });
});
