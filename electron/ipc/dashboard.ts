/**
 * The dashboard's figures. The journal has no aggregate queries for these yet, so they are
 * computed here from its paged reads; both loops are bounded, so a huge journal costs at most
 * a fixed number of pages. (Better done in SQL by the journal: `GROUP BY` on its indexes.)
 */
import type { AnomalyKind } from '../../shared/rules/evaluate';
import { instantOf } from '../../shared/events/envelope';
import type { JournalApi } from '../journal/types';

const HOUR = 3_600_000;
/** The chart shows the last day of the journal: the 24 hours ending at its newest event. */
const HOURS = 24;
const PAGE = 5_000;
/** At most this many events are counted for the hourly chart (the rest are older or beyond the cap). */
const MAX_EVENTS = 200_000;
const MAX_ANOMALIES = 200_000;

export interface DashboardFigures {
  eventsPerHour: { hour: string; events: number }[];
  openByKind: { kind: AnomalyKind; count: number }[];
  openByInitiator: { initiatorId: string; name?: string; count: number }[];
  statusCounts: Record<string, number>;
}

export function dashboardFigures(journal: JournalApi): DashboardFigures {
  return {
    eventsPerHour: eventsPerHour(journal),
    ...openAnomalyCounts(journal),
    statusCounts: journal.statusCounts(),
  };
}

/** Hours are labelled by their start in UTC (`2024-03-01T14:00:00.000Z`); the renderer shows them in local time. */
function eventsPerHour(journal: JournalApi): DashboardFigures['eventsPerHour'] {
  const newest = journal.journalPage({}, undefined, 1)[0];
  if (!newest) return [];
  const end = Math.floor(instantOf(newest.timestamp) / HOUR) * HOUR + HOUR;
  const start = end - HOURS * HOUR;
  const counts = new Array<number>(HOURS).fill(0);
  const filter = { from: new Date(start).toISOString(), to: new Date(end - 1).toISOString() };
  let beforeSeq: number | undefined;
  for (let seen = 0; seen < MAX_EVENTS;) {
    const rows = journal.journalPage(filter, beforeSeq, PAGE);
    for (const row of rows) {
      const slot = Math.floor((instantOf(row.timestamp) - start) / HOUR);
      if (slot >= 0 && slot < HOURS) counts[slot] = (counts[slot] ?? 0) + 1;
    }
    seen += rows.length;
    const last = rows[rows.length - 1];
    if (rows.length < PAGE || !last) break;
    beforeSeq = last.seq;
  }
  return counts.map((events, i) => ({ hour: new Date(start + i * HOUR).toISOString(), events }));
}

function openAnomalyCounts(journal: JournalApi): Pick<DashboardFigures, 'openByKind' | 'openByInitiator'> {
  const byKind = new Map<AnomalyKind, number>();
  const byInitiator = new Map<string, { name?: string; count: number }>();
  let beforeId: number | undefined;
  for (let seen = 0; seen < MAX_ANOMALIES;) {
    const rows = journal.anomalies({ open: true, beforeId, limit: PAGE });
    for (const a of rows) {
      byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
      const who = byInitiator.get(a.initiatedBy.id) ?? { count: 0 };
      if (a.initiatedBy.name !== undefined) who.name = a.initiatedBy.name;
      who.count += 1;
      byInitiator.set(a.initiatedBy.id, who);
    }
    seen += rows.length;
    const last = rows[rows.length - 1];
    if (rows.length < PAGE || !last) break;
    beforeId = last.id;
  }
  return {
    openByKind: [...byKind].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count),
    openByInitiator: [...byInitiator]
      .map(([initiatorId, v]) => ({ initiatorId, ...v }))
      .sort((a, b) => b.count - a.count || a.initiatorId.localeCompare(b.initiatorId)),
  };
}
