/**
 * Order states are kept between batches; these tests hold the journal to the rule that a kept
 * state never outlives a change it did not see: another connection's commit, a failed batch.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { incoming, reopen, statusTo, created, tempDir } from './helpers';

describe('kept order states', () => {
  it('are dropped when another connection (the command line, another window) has written', () => {
    const file = path.join(tempDir(), 'shared.sqlite');
    const app = reopen(file);
    const cli = reopen(file);
    app.appendBatch([created('1')], 'app');
    cli.appendBatch([statusTo('1', 'PendingPicking')], 'cli');
    // The app's kept state of order 1 says Received; the journal says PendingPicking.
    app.appendBatch([statusTo('1', 'Picking')], 'app');
    expect(app.history('1').at(-1)!.anomalies).toEqual([]);
    expect(app.order('1')).toMatchObject({ status: 'Picking', eventCount: 3, lastSeq: 3 });
    expect(app.verify().ok).toBe(true);
  });

  it('are dropped when a batch fails, so its half-folded orders leave no trace', () => {
    const file = path.join(tempDir(), 'failed.sqlite');
    const journal = reopen(file);
    journal.appendBatch([created('1'), statusTo('1', 'PendingPicking')], 'a');
    const bad = { ...incoming('2', 'StatusChanged', { status: 'Picking' }), instant: Number.NaN };
    expect(() => journal.appendBatch([statusTo('1', 'Picking'), bad], 'b')).toThrow(/has no instant/);
    journal.appendBatch([statusTo('1', 'Picking')], 'c');
    expect(journal.order('1')).toMatchObject({ status: 'Picking', eventCount: 3 });
    expect(journal.history('1').at(-1)!.anomalies).toEqual([]);
    expect(journal.verify().ok).toBe(true);
  });
});
