/**
 * The orders of each trace (`trace_orders`), in place of an index on the events' trace id.
 *
 * A trace groups the events one action on the floor caused: almost always a handful, in one
 * order or a few. An index on `events(trace_id, seq)` cost every imported event an entry (an
 * eighth of an import's time); this projection gets a row per trace and order, written once, the
 * first time the pair is met. The events of a trace are then read through the orders' index:
 * the orders of the trace, and their events of that trace.
 */
import type Database from 'better-sqlite3';

/** A WHERE clause on `events`: the events of one trace. Bind the trace id twice. */
export const OF_TRACE = 'order_id IN (SELECT order_id FROM trace_orders WHERE trace_id = ?) AND trace_id = ?';

/** Pairs remembered by a writer, so a pair met again costs no statement; bounded. */
const MAX_REMEMBERED = 50_000;

export class TraceOrders {
  private readonly insert: Database.Statement<[string, string]>;
  /**
   * The orders remembered of each trace: the one order almost every trace has, or a set when it
   * has more. (Keyed by the trace id itself: a key made of both ids was a new string to build
   * and hash for every event.)
   */
  private readonly seen = new Map<string, string | Set<string>>();
  private remembered = 0;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO trace_orders(trace_id, order_id) VALUES (?, ?)');
  }

  /** Note that an event of `orderId` belongs to `traceId` (in the caller's write transaction). */
  note(traceId: string, orderId: string): void {
    let known = this.seen.get(traceId);
    if (known === orderId || (typeof known === 'object' && known.has(orderId))) return;
    if (this.remembered >= MAX_REMEMBERED) {
      this.forget();
      known = undefined;
    }
    this.insert.run(traceId, orderId);
    this.remembered += 1;
    if (known === undefined) this.seen.set(traceId, orderId);
    else if (typeof known === 'string') this.seen.set(traceId, new Set([known, orderId]));
    else known.add(orderId);
  }

  /** After a rollback: a pair remembered may not have been recorded. */
  forget(): void {
    this.seen.clear();
    this.remembered = 0;
  }
}

// No DISTINCT: the primary key ignores a pair met again, and DISTINCT made SQLite keep an index of
// every pair besides the table's own (1M events: 0.49 s against 0.36).
const FILL = `INSERT OR IGNORE INTO trace_orders(trace_id, order_id)
  SELECT trace_id, order_id FROM events WHERE trace_id IS NOT NULL`;

/** Migration 12: the projection made and filled from the events, and the trace index dropped. */
export function traceOrdersFromEvents(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS trace_orders (
      trace_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      PRIMARY KEY (trace_id, order_id)
    ) WITHOUT ROWID;
    ${FILL};
    DROP INDEX IF EXISTS events_by_trace;
  `);
}

/** A rebuild: the projection made again from the events. The caller holds the transaction. */
export function refillTraceOrders(db: Database.Database): void {
  db.exec(`DELETE FROM trace_orders; ${FILL}`);
}
