/**
 * The dashboard's figures. The journal has no aggregate queries for these yet, so they are
 * computed here from its paged reads, yielding between pages: the hourly chart from counts per
 * hour kept in memory and brought up to date with the events recorded since (an index on the
 * instant would do it in SQL, paid for by every imported event); the open anomalies are
 * counted by the journal.
 */
import type { AnomalyKind } from '../../shared/rules/evaluate';
import type { JournalApi } from '../journal/types';

const HOUR = 3_600_000;
/** The chart shows the last day of the journal: the 24 hours ending at its newest event. */
const HOURS = 24;
const PAGE = 5_000;

export interface DashboardFigures {
  eventsPerHour: { hour: string; events: number }[];
  openByKind: { kind: AnomalyKind; count: number }[];
  openByInitiator: { initiatorId: string; name?: string; count: number }[];
  statusCounts: Record<string, number>;
}

/** The figures of a journal as of its last seq: any write (an event, a correction, a dismissal) moves it. */
const computed = new WeakMap<JournalApi, { lastSeq: number; figures: DashboardFigures }>();

/**
 * Events per hour of everything recorded up to `throughSeq`, kept per journal and brought up to
 * date from the events recorded since: the chart's hours are any 24 of them, and recounting the
 * whole journal on every change (an import's batches) made each dashboard cost the journal's size.
 */
interface HourCounts {
  throughSeq: number;
  hours: Map<number, number>;
  /** The latest instant recorded (the chart ends at its hour). */
  newest: number | null;
}
const hourCounts = new WeakMap<JournalApi, Promise<HourCounts>>();

/**
 * The dashboard's figures, computed in pages with `turn()` between them: counting the hours of
 * a large journal the first time takes a while, and another window's request (the orders page)
 * is answered between two pages instead of after the whole. Kept until the journal grows, so
 * opening the dashboard again, or a second window's dashboard, costs nothing; after it grows,
 * only the new events are counted.
 */
export async function dashboardFigures(
  journal: JournalApi,
  turn: () => Promise<void> = () => Promise.resolve(),
): Promise<DashboardFigures> {
  const lastSeq = journal.lastSeq();
  const had = computed.get(journal);
  if (had?.lastSeq === lastSeq) return had.figures;
  const figures = {
    eventsPerHour: await eventsPerHour(journal, lastSeq, turn),
    ...openAnomalyCounts(journal),
    statusCounts: journal.statusCounts(),
  };
  // A write during the turns makes this a figure of a moment ago: kept only under the seq read first.
  computed.set(journal, { lastSeq, figures });
  return figures;
}

/** Count the events after `counts.throughSeq` up to `lastSeq` into `counts`, newest first, a page per turn. */
async function countHours(
  journal: JournalApi,
  counts: HourCounts,
  lastSeq: number,
  turn: () => Promise<void>,
): Promise<HourCounts> {
  if (lastSeq <= counts.throughSeq) return counts;
  const hours = new Map(counts.hours);
  let newest = counts.newest;
  let beforeSeq = lastSeq + 1;
  for (;;) {
    // Only seq and instant: the chart needs nothing else of an event.
    const rows = journal.eventInstants(beforeSeq, PAGE);
    let reached = false;
    for (const [seq, instant] of rows) {
      if (seq <= counts.throughSeq) {
        reached = true;
        break;
      }
      const hour = Math.floor(instant / HOUR);
      hours.set(hour, (hours.get(hour) ?? 0) + 1);
      if (newest === null || instant > newest) newest = instant;
    }
    const last = rows[rows.length - 1];
    if (reached || rows.length < PAGE || !last) break;
    beforeSeq = last[0];
    await turn();
  }
  return { throughSeq: lastSeq, hours, newest };
}

/** Hours are labelled by their start in UTC (`2024-03-01T14:00:00.000Z`); the renderer shows them in local time. */
async function eventsPerHour(
  journal: JournalApi,
  lastSeq: number,
  turn: () => Promise<void>,
): Promise<DashboardFigures['eventsPerHour']> {
  // One count at a time per journal: a second window's dashboard waits for it and adds the rest.
  const before = hourCounts.get(journal) ?? Promise.resolve({ throughSeq: 0, hours: new Map(), newest: null });
  const now = before.then((c) => countHours(journal, c, lastSeq, turn));
  hourCounts.set(
    journal,
    now.catch(() => before),
  );
  const counts = await now;
  if (counts.newest === null) return [];
  const endHour = Math.floor(counts.newest / HOUR) + 1;
  return Array.from({ length: HOURS }, (_, i) => {
    const hour = endHour - HOURS + i;
    return { hour: new Date(hour * HOUR).toISOString(), events: counts.hours.get(hour) ?? 0 };
  });
}

/** The open anomalies by kind and by initiator, counted by the journal (GROUP BY). */
function openAnomalyCounts(journal: JournalApi): Pick<DashboardFigures, 'openByKind' | 'openByInitiator'> {
  const { byKind } = journal.anomalyTotals({ open: true });
  return {
    openByKind: Object.entries(byKind)
      .map(([kind, count]) => ({ kind: kind as AnomalyKind, count }))
      .sort((a, b) => b.count - a.count),
    openByInitiator: journal.openAnomaliesByInitiator(),
  };
}
