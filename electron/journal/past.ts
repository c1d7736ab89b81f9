/**
 * The journal as it stood at an earlier position (`asOfSeq`): one order's history and state, the
 * whole orders list and the anomaly inbox. Nothing is stored for it: an event recorded after the
 * position is left out, and an anomaly resolved after it is shown open, so the past is read from
 * the same rows as the present.
 *
 * The orders list needs no replay of the journal: an order whose last event is at or before the
 * position has not changed since (its corrections and dismissals are its own events), so its row
 * is read as stored; only the orders that received events after the position are folded again
 * from their own events up to it.
 */
import type Database from 'better-sqlite3';
import type { AnomalyRecord, EventRecord, OrderRecord } from '../../shared/contract/records';
import { instantOf } from '../../shared/events/envelope';
import { anomalyAsOf, historyAsOf, orderRecordFrom } from '../../shared/history/asOf';
import { emptyOrder, evolve, type OrderState } from '../../shared/orders/orderState';
import { anomalyPageFilter, type JournalReader } from './queries';
import { readAll, readInTurns, type ChunkedRead } from './replay';
import {
  ANOMALY_JOIN_COLUMNS,
  anomalyRecordOf,
  EVENT_COLUMNS,
  envelopeOf,
  eventRowOf,
  ORDER_COLUMNS,
  orderRecordOf,
  type AnomalyJoinRow,
  type OrderRow,
} from './rows';
import type { RuleSetStore } from './ruleSets';
import { JournalRefusal, type AnomaliesQuery } from './types';

/** Orders per chunk of the orders list as of a position. */
export const PAST_CHUNK = 2_000;

/** How `ordersInTurns` shares the worker. */
export interface PastTurns {
  yieldTurn(): Promise<void>;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
  /** Orders per chunk (tests use small ones). */
  chunk?: number;
}

const byOrderId = (a: OrderRecord, b: OrderRecord) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

/** The orders list as of a position, read a chunk of order ids at a time (see `ChunkedRead`). */
class PastOrdersRead implements ChunkedRead {
  readonly rows: OrderRecord[] = [];
  done = 0;
  private after = '';

  constructor(
    private readonly past: PastReader,
    private readonly asOfSeq: number,
    private readonly open: ReadonlyMap<string, number>,
    readonly total: number,
  ) {}

  readChunk(size: number): number {
    const { ids, rows } = this.past.ordersChunk(this.asOfSeq, this.after, size, this.open);
    if (ids.length > 0) this.after = ids[ids.length - 1]!;
    this.done += ids.length;
    // Chunks follow each other in order-id order, so the whole list stays sorted.
    for (const r of rows) this.rows.push(r);
    return ids.length;
  }
}

export class PastReader {
  private readonly recordedAtStmt: Database.Statement<[number], string>;
  private readonly orderEventsStmt: Database.Statement;
  private readonly orderOpenStmt: Database.Statement<[string, number, number], number>;
  private readonly chunkIdsStmt: Database.Statement<[string, number], string>;
  private readonly orderCountStmt: Database.Statement<[], number>;
  private readonly unchangedStmt: Database.Statement<[string, string, number], OrderRow>;
  private readonly changedEventsStmt: Database.Statement;
  private readonly openPerOrderStmt: Database.Statement<[number, number], { order_id: string; n: number }>;
  private readonly anomalyStmts = new Map<string, Database.Statement>();
  private readonly ruleKeysStmt: Database.Statement<[], string>;

  constructor(
    private readonly db: Database.Database,
    private readonly reader: JournalReader,
    private readonly ruleSets: RuleSetStore,
  ) {
    this.recordedAtStmt = db.prepare<[number], string>('SELECT recorded_at FROM events WHERE seq = ?').pluck();
    this.orderEventsStmt = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE order_id = ? AND seq <= ? ORDER BY seq`)
      .raw();
    this.orderOpenStmt = db
      .prepare<[string, number, number], number>(
        `SELECT count(*) FROM anomalies WHERE seq IN (SELECT seq FROM events WHERE order_id = ? AND seq <= ?)
         AND (resolved_by_seq IS NULL OR resolved_by_seq > ?)`,
      )
      .pluck();
    this.chunkIdsStmt = db
      .prepare<[string, number], string>('SELECT order_id FROM orders WHERE order_id > ? ORDER BY order_id LIMIT ?')
      .pluck();
    this.orderCountStmt = db.prepare<[], number>('SELECT count(*) FROM orders').pluck();
    this.unchangedStmt = db.prepare<[string, string, number], OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id > ? AND order_id <= ? AND last_seq <= ?`,
    );
    // Driven from the orders of the chunk that changed since (CROSS JOIN keeps orders outside),
    // each through the events' order index: left to itself SQLite walks that whole index instead.
    this.changedEventsStmt = db
      .prepare(
        `SELECT ${EVENT_COLUMNS.split(', ')
          .map((c) => `e.${c}`)
          .join(', ')}
         FROM orders o CROSS JOIN events e ON e.order_id = o.order_id AND e.seq <= ?
         WHERE o.order_id > ? AND o.order_id <= ? AND o.last_seq > ? ORDER BY o.order_id, e.seq`,
      )
      .raw();
    this.ruleKeysStmt = db.prepare<[], string>('SELECT key FROM rule_sets').pluck();
    this.openPerOrderStmt = db.prepare(
      `SELECT order_id, count(*) AS n FROM anomalies WHERE seq <= ? AND (resolved_by_seq IS NULL OR resolved_by_seq > ?)
       GROUP BY order_id`,
    );
  }

  /**
   * The journal's position at a recorded time: the last seq recorded at or before `time`
   * (0 when nothing was). The ledger stamps `recorded_at` in seq order from the workstation's
   * clock, so the search halves the seq range instead of scanning.
   */
  seqAt(time: string): number {
    const at = instantOf(time);
    if (Number.isNaN(at)) {
      throw new JournalRefusal('invalid', `${JSON.stringify(time)} is not an ISO 8601 time with a time-zone offset`);
    }
    let lo = 0; // recorded at or before `at` (seq 0: nothing yet)
    let hi = this.reader.lastSeq() + 1; // after `at`
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (Date.parse(this.recordedAtStmt.get(mid)!) <= at) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Refuse a position the journal has not reached. */
  checkSeq(asOfSeq: number): void {
    const last = this.reader.lastSeq();
    if (!Number.isInteger(asOfSeq) || asOfSeq < 0 || asOfSeq > last) {
      throw new JournalRefusal(
        'invalid',
        `as-of position ${String(asOfSeq)} is not in the journal: give a seq from 0 to ${last}`,
      );
    }
  }

  history(orderId: string, asOfSeq: number): EventRecord[] {
    this.checkSeq(asOfSeq);
    return historyAsOf(this.reader.history(orderId), asOfSeq);
  }

  order(orderId: string, asOfSeq: number): OrderRecord | undefined {
    this.checkSeq(asOfSeq);
    const rows = (this.orderEventsStmt.all(orderId, asOfSeq) as unknown[][]).map(eventRowOf);
    if (rows.length === 0 || rows[0]!.type === 'RuleSetActivated') return undefined;
    let state = emptyOrder(orderId);
    for (const row of rows) state = this.fold(state, row);
    const last = rows[rows.length - 1]!;
    return orderRecordFrom(state, {
      lastSeq: last.seq,
      lastEventAt: last.timestamp,
      eventCount: rows.length,
      openAnomalies: this.orderOpenStmt.get(orderId, asOfSeq, asOfSeq)!,
    });
  }

  /**
   * Every order as it stood at `asOfSeq`, sorted by order id, at once (the command line). Reads
   * the stored rows of the orders unchanged since, and folds the events (up to the position) of
   * those changed since.
   */
  orders(asOfSeq: number, onProgress?: (done: number, total: number) => void): OrderRecord[] {
    const read = this.ordersRead(asOfSeq);
    this.db.transaction(() => readAll(read, onProgress))();
    return read.rows;
  }

  /** The same, a chunk of orders at a time, with a turn for other work after each (the app). */
  async ordersInTurns(asOfSeq: number, turns: PastTurns): Promise<OrderRecord[] | undefined> {
    const read = this.ordersRead(asOfSeq);
    const whole = await readInTurns(read, { ...turns, chunk: turns.chunk ?? PAST_CHUNK });
    return whole ? read.rows : undefined;
  }

  private ordersRead(asOfSeq: number): PastOrdersRead {
    this.checkSeq(asOfSeq);
    // Compiled before any events are streamed: no other statement may run while they are.
    for (const key of this.ruleKeysStmt.all()) this.ruleSets.compiledFor(key);
    // Anomalies flagged by the position never change, and a later resolution is undone by the
    // as-of rule, so the open counts can be read once, before the chunks.
    const open = new Map<string, number>();
    for (const r of this.openPerOrderStmt.iterate(asOfSeq, asOfSeq)) open.set(r.order_id, r.n);
    return new PastOrdersRead(this, asOfSeq, open, this.orderCountStmt.get()!);
  }

  /** One chunk of the orders list as of a position: the orders after `afterOrderId`, at most `size`. */
  ordersChunk(asOfSeq: number, afterOrderId: string, size: number, open: ReadonlyMap<string, number>) {
    return this.db.transaction(() => {
      const ids = this.chunkIdsStmt.all(afterOrderId, size);
      if (ids.length === 0) return { ids, rows: [] as OrderRecord[] };
      const upper = ids[ids.length - 1]!;
      const rows: OrderRecord[] = this.unchangedStmt.all(afterOrderId, upper, asOfSeq).map(orderRecordOf);
      let current: { state: OrderState; last: { seq: number; timestamp: string }; count: number } | undefined;
      const flush = () => {
        if (!current) return;
        rows.push(
          orderRecordFrom(current.state, {
            lastSeq: current.last.seq,
            lastEventAt: current.last.timestamp,
            eventCount: current.count,
            openAnomalies: open.get(current.state.orderId) ?? 0,
          }),
        );
      };
      const events = this.changedEventsStmt.iterate(asOfSeq, afterOrderId, upper, asOfSeq) as IterableIterator<
        unknown[]
      >;
      for (const raw of events) {
        const row = eventRowOf(raw);
        if (current?.state.orderId !== row.order_id) {
          flush();
          current = { state: emptyOrder(row.order_id), last: row, count: 0 };
        }
        current.state = this.fold(current.state, row);
        current.last = row;
        current.count += 1;
      }
      flush();
      rows.sort(byOrderId);
      return { ids, rows };
    })();
  }

  /** The inbox as it stood at `asOfSeq`: anomalies flagged by then, open unless resolved by then. Newest first. */
  anomalies(query: AnomaliesQuery, asOfSeq: number): AnomalyRecord[] {
    this.checkSeq(asOfSeq);
    // The present inbox's page but for what is open, which here is open as of the position.
    const filtered = anomalyPageFilter({ ...query, open: undefined });
    const where = ['a.seq <= ?', ...filtered.where];
    const params: unknown[] = [asOfSeq, ...filtered.params];
    if (query.open !== undefined) {
      where.push(
        query.open
          ? '(a.resolved_by_seq IS NULL OR a.resolved_by_seq > ?)'
          : '(a.resolved_by_seq IS NOT NULL AND a.resolved_by_seq <= ?)',
      );
      params.push(asOfSeq);
    }
    params.push(Math.min(Math.max(1, query.limit ?? 200), 10_000));
    const sql = `SELECT ${ANOMALY_JOIN_COLUMNS}
      FROM anomalies a JOIN events e ON e.seq = a.seq WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT ?`;
    let stmt = this.anomalyStmts.get(sql);
    if (!stmt) this.anomalyStmts.set(sql, (stmt = this.db.prepare(sql)));
    return (stmt.all(...params) as AnomalyJoinRow[]).map((r) => anomalyAsOf(anomalyRecordOf(r), asOfSeq));
  }

  /** One event folded into an order's state with the rule set it was recorded with. */
  private fold(state: OrderState, row: ReturnType<typeof eventRowOf>): OrderState {
    const rules = this.ruleSets.compiledFor(row.rule_set);
    return evolve(state, envelopeOf(row), row.instant, rules);
  }
}
