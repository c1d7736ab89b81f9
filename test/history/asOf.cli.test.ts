/**
 * `--as-of-seq` and `--as-of` on history, orders and anomalies: the night of the missing package
 * as it stood before its correction, and the refusals that say what was wrong.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnomalyRecord, EventRecord, OrderRecord } from '../../shared/contract/records';
import { correctedMissingPackage } from '../journal/helpers';
import { run } from './cli';

function nightFile(): { db: string; correction: number } {
  const journal = correctedMissingPackage();
  const correction = journal.lastSeq();
  return { db: journal.path, correction };
}

describe('as of an earlier position, from the command line', () => {
  it('history, orders and anomalies show the order before its correction', async () => {
    const { db, correction } = nightFile();
    const before = String(correction - 1);

    const history = await run(['history', '1345693', '--as-of-seq', before, '--db', db, '--json']);
    expect(history.code).toBe(0);
    const events = history.json<EventRecord[]>();
    expect(events.map((e) => e.type)).not.toContain('StatusCorrected');
    expect(events.at(-1)!.anomalies).toEqual([expect.objectContaining({ open: true })]);

    const people = await run(['history', '1345693', '--as-of-seq', before, '--db', db]);
    expect(people.out).toMatch(new RegExp(`^As the journal stood after seq ${before}, recorded .*read-only`));

    const orders = (await run(['orders', '--as-of-seq', before, '--db', db, '--json'])).json<OrderRecord[]>();
    expect(orders.find((o) => o.orderId === '1345693')).toMatchObject({ status: 'PendingPicking', openAnomalies: 1 });
    const now = (await run(['orders', '--db', db, '--json'])).json<OrderRecord[]>();
    expect(now.find((o) => o.orderId === '1345693')).toMatchObject({ status: 'Packed', openAnomalies: 0 });

    const open = (await run(['anomalies', '--open', '--as-of-seq', before, '--db', db, '--json'])).json<
      AnomalyRecord[]
    >();
    expect(open.map((a) => a.eventId)).toContain('s-1345693-08');
    const openNow = (await run(['anomalies', '--open', '--db', db, '--json'])).json<AnomalyRecord[]>();
    expect(openNow.map((a) => a.eventId)).not.toContain('s-1345693-08');

    // By recorded time: everything was recorded before the year 2100, nothing before 2000.
    const later = (await run(['orders', '--as-of', '2100-01-01T00:00:00Z', '--db', db, '--json'])).json<
      OrderRecord[]
    >();
    expect(later).toEqual(now);
    const early = await run(['orders', '--as-of', '2000-01-01T00:00:00+01:00', '--db', db, '--json']);
    expect(early.json()).toEqual([]);
  });

  it('refuses what it cannot read, saying what', async () => {
    const { db, correction } = nightFile();
    const past = await run(['orders', '--as-of-seq', String(correction + 1), '--db', db]);
    expect(past.code).toBe(2);
    expect(past.err).toContain(`past the journal's end (its last seq is ${correction})`);
    const both = await run(['anomalies', '--as-of-seq', '1', '--as-of', '2026-11-26T20:00:00Z', '--db', db]);
    expect(both.code).toBe(2);
    expect(both.err).toContain('not both');
    const time = await run(['history', '1345693', '--as-of', 'last night', '--db', db]);
    expect(time.code).toBe(2);
    expect(time.err).toContain('--as-of "last night" is not an ISO 8601 time');
    const none = await run(['history', '1345693', '--as-of-seq', '0', '--db', path.resolve(db)]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no events for order "1345693" as of seq 0');
  });
});
