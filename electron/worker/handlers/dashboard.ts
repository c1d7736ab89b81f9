/**
 * The dashboard's figures, read from counts the journal keeps as projections in the same
 * transaction as every append: events per hour of event time (`event_hours`), open anomalies by
 * kind, severity and initiator (`open_anomaly_counts`) and orders per status (`status_counts`).
 * None of them reads the events, so any date range costs a few hundred rows at most.
 */
import type { AnomalyKind } from '../../../shared/rules/evaluate';
import { instantOf } from '../../../shared/events/envelope';
import { JournalRefusal, type JournalApi } from '../../journal/types';

const HOUR = 3_600_000;
/** Without a range, the chart shows the last day of the journal: the 24 hours ending with its newest event's hour. */
const HOURS = 24;
/** Ranges longer than this many hours are drawn a day to a bar (a year is 366 bars, not 8,784). */
const MAX_HOURLY = 31 * 24;
/** The longest range drawn, in days (beyond it the bars would be thinner than a pixel). */
const MAX_DAYS = 3 * 366;

export interface DashboardRange {
  /** ISO times with an offset, inclusive. */
  from?: string;
  to?: string;
}

export interface DashboardFigures {
  eventsPerHour: { hour: string; events: number }[];
  bucketHours: number;
  range: { from: string; to: string } | null;
  openByKind: { kind: AnomalyKind; count: number }[];
  openByInitiator: { initiatorId: string; name?: string; count: number }[];
  statusCounts: Record<string, number>;
}

export function dashboardFigures(journal: JournalApi, range: DashboardRange = {}): DashboardFigures {
  return {
    ...eventsPerHour(journal, range),
    ...openAnomalyCounts(journal),
    statusCounts: journal.statusCounts(),
  };
}

function hourBound(which: 'from' | 'to', value: string): number {
  const instant = instantOf(value);
  if (Number.isNaN(instant)) {
    throw new JournalRefusal(
      'invalid',
      `dashboard "${which}": ${JSON.stringify(value)} is not an ISO 8601 time with a time-zone offset`,
    );
  }
  return Math.floor(instant / HOUR);
}

/** Bars are labelled by their start in UTC (`2024-03-01T14:00:00.000Z`); the renderer shows them in local time. */
function eventsPerHour(
  journal: JournalApi,
  range: DashboardRange,
): Pick<DashboardFigures, 'eventsPerHour' | 'bucketHours' | 'range'> {
  let first: number;
  let last: number;
  if (range.from === undefined && range.to === undefined) {
    const newest = journal.lastEventHour();
    if (newest === null) return { eventsPerHour: [], bucketHours: 1, range: null };
    last = newest;
    first = last - HOURS + 1;
  } else {
    // One end alone: a day from it (or to it).
    first = range.from !== undefined ? hourBound('from', range.from) : hourBound('to', range.to!) - HOURS + 1;
    last = range.to !== undefined ? hourBound('to', range.to) : first + HOURS - 1;
    if (last < first) {
      throw new JournalRefusal('invalid', `dashboard: the range ends (${range.to}) before it starts (${range.from})`);
    }
    if (last - first + 1 > MAX_DAYS * 24) {
      throw new JournalRefusal('invalid', `dashboard: a range of at most ${MAX_DAYS} days, please`);
    }
  }
  const hours = last - first + 1;
  const bucket = hours > MAX_HOURLY ? 24 : 1;
  const counts = new Array<number>(Math.ceil(hours / bucket)).fill(0);
  for (const { hour, events } of journal.eventHours(first, last)) {
    const slot = Math.floor((hour - first) / bucket);
    counts[slot] = (counts[slot] ?? 0) + events;
  }
  return {
    eventsPerHour: counts.map((events, i) => ({
      hour: new Date((first + i * bucket) * HOUR).toISOString(),
      events,
    })),
    bucketHours: bucket,
    range: { from: new Date(first * HOUR).toISOString(), to: new Date((last + 1) * HOUR).toISOString() },
  };
}

function openAnomalyCounts(journal: JournalApi): Pick<DashboardFigures, 'openByKind' | 'openByInitiator'> {
  const byKind = new Map<AnomalyKind, number>();
  const byInitiator = new Map<string, { name?: string; named: number; count: number }>();
  for (const r of journal.openAnomalyCounts()) {
    const kind = r.kind as AnomalyKind;
    byKind.set(kind, (byKind.get(kind) ?? 0) + r.count);
    const who = byInitiator.get(r.initiatorId) ?? { named: 0, count: 0 };
    // The name most of their open anomalies' events carry (a person's name is the same in almost all).
    if (r.initiatorName !== null && r.count > who.named) {
      who.name = r.initiatorName;
      who.named = r.count;
    }
    who.count += r.count;
    byInitiator.set(r.initiatorId, who);
  }
  return {
    openByKind: [...byKind]
      .map(([kind, count]) => ({ kind, count }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    openByInitiator: [...byInitiator]
      .map(([initiatorId, { name, count }]) =>
        name === undefined ? { initiatorId, count } : { initiatorId, name, count },
      )
      .sort((a, b) => b.count - a.count || a.initiatorId.localeCompare(b.initiatorId)),
  };
}
