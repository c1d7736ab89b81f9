/**
 * The dashboard reads counts the journal keeps as projections: what it shows after the journal
 * grew must be what another connection reading the same file shows, every event of the last day
 * is counted, and the open anomalies are what their records say.
 */
import { describe, expect, it } from 'vitest';
import { dashboardFigures } from '../../electron/worker/handlers/dashboard';
import { created, freshJournal, reopen, statusTo } from '../journal/helpers';
import type { IncomingEvent } from '../../electron/journal';

const at = (e: IncomingEvent, iso: string): IncomingEvent => ({
  ...e,
  event: { ...e.event, timestamp: iso },
  instant: Date.parse(iso),
});

describe('dashboard figures', () => {
  it('counts every event of the last day, and after the journal grows shows what a fresh count shows', async () => {
    const journal = freshJournal();
    journal.appendBatch(
      [
        at(created('D-1'), '2024-03-01T08:10:00Z'),
        at(statusTo('D-1', 'Picking'), '2024-03-01T09:20:00Z'),
        at(created('D-2'), '2024-02-20T09:00:00Z'), // long before the last day
      ],
      'test',
    );
    const first = await dashboardFigures(journal);
    const hours = (f: typeof first) =>
      Object.fromEntries(f.eventsPerHour.filter((h) => h.events).map((h) => [h.hour, h.events]));
    expect(first.eventsPerHour).toHaveLength(24);
    expect(hours(first)).toEqual({ '2024-03-01T08:00:00.000Z': 1, '2024-03-01T09:00:00.000Z': 1 });

    journal.appendBatch(
      [at(created('D-3'), '2024-03-01T09:59:59Z'), at(statusTo('D-3', 'Packed'), '2024-03-02T07:00:00Z')],
      'test',
    );
    const grown = await dashboardFigures(journal);
    // The chart now ends at the new newest hour; another connection reading the file agrees.
    const fresh = await dashboardFigures(reopen(journal.path));
    expect(grown).toEqual(fresh);
    expect(hours(grown)).toEqual({
      '2024-03-01T08:00:00.000Z': 1,
      '2024-03-01T09:00:00.000Z': 2,
      '2024-03-02T07:00:00.000Z': 1,
    });
    // The open anomalies, counted by the journal, are what their records say.
    const open = journal.anomalies({ open: true, limit: 1000 });
    expect(open.length).toBeGreaterThan(0);
    const byKind: Record<string, number> = {};
    const byWho: Record<string, number> = {};
    for (const a of open) {
      byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
      byWho[a.initiatedBy.id] = (byWho[a.initiatedBy.id] ?? 0) + 1;
    }
    expect(Object.fromEntries(grown.openByKind.map((k) => [k.kind, k.count]))).toEqual(byKind);
    expect(Object.fromEntries(grown.openByInitiator.map((k) => [k.initiatorId, k.count]))).toEqual(byWho);
  });
});
