/**
 * Recompute every projection (orders, anomalies, status, hourly and open-anomaly counts, the orders
 * of each trace, the search index) from the events alone.
 *
 * A rebuild has two parts (`ProjectionRebuild`):
 *
 * - reading: every event in seq order, a chunk at a time, folded into a `Replay` (most of the
 *   time). It writes nothing, so it may run outside any transaction, in turns, with other
 *   work in between (`Journal.rebuildInTurns`), or inside the write transaction
 *   (`rebuildProjections`; at once on a large journal the command line and the bench read it
 *   in two threads, each one part of the orders: ./rebuildInTwo).
 * - writing (`finish`, in one write transaction the caller opens): fold the events recorded
 *   since the last chunk read, then delete and rewrite the projections. If anything fails,
 *   the old projections stay.
 *
 * Reading in turns gives the same tables as reading at once: events are only ever appended, in
 * seq order, and the replay reads nothing but events. An event appended between two chunks
 * (an import, a correction that resolves an anomaly of an event already read) is simply read in
 * a later chunk, or by `finish`'s catch-up, in its seq order, as a rebuild from scratch would.
 */
import { BY_EVENT_ID, eventKey } from './eventKey';
import type Database from 'better-sqlite3';
import { readAll, Replay, REPLAY_CHUNK, type ChunkedRead, type ReplayRow } from './replay';
import { ORDER_COLUMNS } from './rows';
import { refillSearchIndex } from './search';
import { refillTraceOrders } from './traces';
import { type KeyFilter, PartFilters, writeKeyFilters } from './keyFilter';
import type { RuleSetStore } from './ruleSets';
import { collectPastHeadroom } from '../memory/heap';
import {
  CrossPart,
  filterWords,
  PART_OF_ORDER,
  partOfOrder,
  type OrdersPart,
  type PartOutcome,
  type ReplayedProjections,
} from './rebuildParts';

/**
 * What rebuild reads of every event: the replay's columns but the initiator's id and name, which
 * only a flagged event's anomalies keep (few events are flagged; `RebuildRow` looks them up then,
 * by seq). Each text column read is a string made per row: the most of a rebuild's reading.
 */
export const REBUILD_COLUMNS = 'seq, type, order_id, initiator_role, timestamp, instant, rule_set, data, event_key';

/** A row of `REBUILD_COLUMNS`, in their order. */
type RawRebuildRow = [number, string, string, string, string, number, string, string, number];

/** The one ReplayRow a rebuild fills from each raw row; the initiator's id and name only when asked for. */
class RebuildRow implements ReplayRow {
  seq = 0;
  type = '';
  order_id = '';
  initiator_role = '';
  timestamp = '';
  instant = 0;
  rule_set = '';
  private initiatorSeq = 0;
  private initiator: { initiator_id: string; initiator_name: string | null } = {
    initiator_id: '',
    initiator_name: null,
  };

  constructor(private readonly initiatorOf: Database.Statement) {}

  get initiator_id(): string {
    return this.initiatorNow().initiator_id;
  }

  get initiator_name(): string | null {
    return this.initiatorNow().initiator_name;
  }

  private initiatorNow(): { initiator_id: string; initiator_name: string | null } {
    if (this.initiatorSeq !== this.seq) {
      this.initiator = this.initiatorOf.get(this.seq) as { initiator_id: string; initiator_name: string | null };
      this.initiatorSeq = this.seq;
    }
    return this.initiator;
  }
}

export class ProjectionRebuild implements ChunkedRead {
  readonly replay: Replay;
  /** The last seq of the journal when the rebuild began (what progress counts towards). */
  readonly total: number;
  private readonly chunk: Database.Statement;
  /** Rows as arrays, copied into one reused row: a million objects with named keys cost more than their reading. */
  private readonly row: RebuildRow;
  private after = 0;
  /** The key filters of the generations read (./keyFilter), those read to their end written. */
  readonly filters = new PartFilters();

  /** `part`: read only one part's orders (./rebuildParts), for a rebuild in two threads. */
  constructor(
    private readonly db: Database.Database,
    ruleSets: RuleSetStore,
    part?: OrdersPart,
  ) {
    this.replay = new Replay(ruleSets, part ? partSeqLookup(db, part.part) : seqLookup(db));
    this.total = part
      ? part.toSeq
      : (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;
    this.chunk = db
      .prepare(
        part
          ? `SELECT ${REBUILD_COLUMNS} FROM events WHERE seq > ? AND seq <= ${part.toSeq} AND ${PART_OF_ORDER} = ${part.part} ORDER BY seq LIMIT ?`
          : `SELECT ${REBUILD_COLUMNS} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
      )
      .raw();
    this.row = new RebuildRow(db.prepare('SELECT initiator_id, initiator_name FROM events WHERE seq = ?'));
  }

  /** The last seq read so far. */
  get done(): number {
    return this.after;
  }

  /**
   * Read and fold the next (at most) `size` events after the last one read; returns how many
   * there were. Fewer than `size` means every event recorded so far has been read.
   */
  readChunk(size: number = REPLAY_CHUNK): number {
    const { row, replay, filters } = this;
    // Row by row, not the chunk's rows all at once: each row is garbage by the next, which the
    // young generation takes back, where 10,000 rows held together outlive it into the old
    // generation (a sixth of a rebuild was collecting them).
    let n = 0;
    for (const raw of this.chunk.iterate(this.after, size) as IterableIterator<RawRebuildRow>) {
      [row.seq, row.type, row.order_id, row.initiator_role, row.timestamp, row.instant, row.rule_set] = raw;
      replay.feed(row, JSON.parse(raw[7]) as Record<string, unknown>);
      filters.add(row.seq, raw[8]);
      n += 1;
    }
    if (n > 0) this.after = row.seq;
    return n;
  }

  /**
   * Inside the caller's write transaction: read the events recorded since the last chunk (the
   * write lock holds them still), then replace every projection with the replay's. `between`
   * runs after each 10,000 orders written, where nothing waits on the rebuild (at once, it
   * collects the garbage there).
   */
  finish(between: () => void = () => undefined): void {
    while (this.readChunk() === REPLAY_CHUNK);
    writeReplayed(this.db, projectionsOf(this.replay), this.filters.finishedFilters(), between);
    writeFromEvents(this.db);
  }

  /** What this part read, to send to the thread that writes (./rebuildInTwo). */
  outcome(): PartOutcome {
    const { replay } = this;
    return {
      head: headHash(this.db, this.total),
      orders: replay.orders.ids().map((id) => [id, replay.orders.valuesJson(id)!]),
      anomalies: replay.anomalies,
      hours: [...replay.hours],
      statusCounts: [...replay.statusCounts()],
      flaggedCounts: [...replay.flaggedCounts()],
      filters: filterWords(this.filters.filters),
      finished: [...this.filters.finished],
    };
  }
}

/** The hash of the event of `seq` (null when there is none). */
export function headHash(db: Database.Database, seq: number): string | null {
  return (db.prepare('SELECT hash FROM events WHERE seq = ?').pluck().get(seq) as string | undefined) ?? null;
}

/** A whole replay's state, as the projections are written from it. */
export function projectionsOf(replay: Replay): ReplayedProjections {
  return {
    anomalies: replay.anomalies,
    hours: replay.hours,
    orderIds: () => replay.orders.ids(),
    orderValues: (orderId) => replay.orders.values(orderId)!,
    statusCounts: () => replay.statusCounts(),
    flaggedCounts: () => replay.flaggedCounts(),
    openCounts: () => replay.openCounts(),
  };
}

/** What the replay made: the orders, anomalies and counts, and the key filters. */
export function writeReplayed(
  db: Database.Database,
  projections: ReplayedProjections,
  keyFilters: ReadonlyMap<number, KeyFilter>,
  between: () => void,
): void {
  writeProjections(db, projections, between);
  writeKeyFilters(db, keyFilters);
}

/**
 * What SQL makes from the events alone, needing nothing of the replay: the orders of each trace,
 * and the search index when it is not whole.
 */
export function writeFromEvents(db: Database.Database): void {
  // In SQL: collected here, a string per traced event, they took three times as long (1M events: 1.7 s against 0.65).
  refillTraceOrders(db);
  // The search index is derived from the events alone too: filled again when it is not whole.
  refillSearchIndex(db);
}

/** The seq of an event by its id (through the key's index). */
export function seqLookup(db: Database.Database): (eventId: string) => number | undefined {
  const stmt = db.prepare(`SELECT seq FROM events WHERE ${BY_EVENT_ID}`).pluck();
  return (eventId) => stmt.get(eventKey(eventId), eventId) as number | undefined;
}

/**
 * `seqLookup` for one part: an event of the other part's order cannot be resolved here (its
 * anomalies are folded in the other thread), so the part gives up (`CrossPart`).
 */
export function partSeqLookup(db: Database.Database, part: 0 | 1): (eventId: string) => number | undefined {
  const stmt = db.prepare(`SELECT seq, order_id FROM events WHERE ${BY_EVENT_ID}`).raw();
  return (eventId) => {
    const found = stmt.get(eventKey(eventId), eventId) as [number, string] | undefined;
    if (found && partOfOrder(found[1]) !== part) throw new CrossPart(found[0]);
    return found?.[0];
  };
}

/** The whole rebuild at once, in the caller's write transaction (the command line, the bench). */
export function rebuildProjections(
  db: Database.Database,
  ruleSets: RuleSetStore,
  onProgress?: (done: number, total: number) => void,
): void {
  const rebuild = new ProjectionRebuild(db, ruleSets);
  readAll(rebuild, onProgress);
  rebuild.finish(collectPastHeadroom);
}

function writeProjections(db: Database.Database, replay: ReplayedProjections, between: () => void): void {
  db.exec(
    'DELETE FROM anomalies; DELETE FROM orders; DELETE FROM status_counts; DELETE FROM event_hours; DELETE FROM open_anomaly_counts; DELETE FROM flagged_counts;',
  );

  const insertAnomaly = db.prepare(
    'INSERT INTO anomalies(id, seq, order_id, kind, severity, message, resolved_by_seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  replay.anomalies.forEach((a, i) =>
    insertAnomaly.run(i + 1, a.seq, a.orderId, a.kind, a.severity, a.message, a.resolvedBySeq),
  );

  const columns = ORDER_COLUMNS.split(', ');
  const insertOrder = db.prepare(`INSERT INTO orders(${ORDER_COLUMNS}) VALUES (${columns.map(() => '?').join(', ')})`);
  // Sorted by key, the rows go into the table's B-tree in order: far fewer page splits.
  const ids = replay.orderIds().sort();
  ids.forEach((id, i) => {
    insertOrder.run(...replay.orderValues(id));
    if (i % 10_000 === 9_999) between();
  });

  const insertCount = db.prepare('INSERT INTO status_counts(status, count) VALUES (?, ?)');
  for (const [status, count] of replay.statusCounts()) insertCount.run(status, count);
  const insertFlagged = db.prepare('INSERT INTO flagged_counts(status, count) VALUES (?, ?)');
  for (const [status, count] of replay.flaggedCounts()) insertFlagged.run(status, count);

  const insertHour = db.prepare('INSERT INTO event_hours(hour, events) VALUES (?, ?)');
  for (const [hour, n] of replay.hours) insertHour.run(hour, n);
  const insertOpen = db.prepare(
    'INSERT INTO open_anomaly_counts(kind, severity, initiator_id, initiator_name, count) VALUES (?, ?, ?, ?, ?)',
  );
  for (const { key, count } of replay.openCounts()) {
    insertOpen.run(key.kind, key.severity, key.initiatorId, key.initiatorName, count);
  }
}
