/**
 * The journal's schema, as numbered migrations (`PRAGMA user_version`).
 *
 * A journal written by an older ledger is upgraded in one transaction when it is opened; one
 * written by a newer ledger is refused before anything touches the file, because an older
 * program cannot know what the newer tables mean and must not damage them.
 *
 * Indexes are few on purpose: every index on `events` is paid for by every imported event.
 */
import type Database from 'better-sqlite3';
import { anchorExports, createExportsTable } from './exports';
import { addRejectedLineKeys } from './rejectedKey';
import { SIGN_IN_ATTEMPTS_SQL } from './signIns';
import { createSearchIndex } from './search';
import { keyEventsById } from './eventKey';
import { keepKeyFilters, splitKeyIndexByGeneration } from './keyFilter';
import { HOUR_MS } from './projections';
import { traceOrdersFromEvents } from './traces';
import { MAIN_SYSTEM_EVENT_TYPES } from '../../shared/events/envelope';

/**
 * The condition of the office events' partial index, written out in SQL: a query must name it
 * as is for SQLite to use that index.
 *
 * Written as comparisons joined by AND, not as `type NOT IN (…)`: SQLite evaluates a partial
 * index's condition for every INSERT, and a list of more than two values costs each evaluation
 * a temporary b-tree of the list (opened, two pages zeroed, filled, closed): about 15,000
 * instructions per imported event, a twentieth of an import (migration 14).
 */
export const NOT_MAIN_SYSTEM = `(${MAIN_SYSTEM_EVENT_TYPES.map((t) => `type <> '${t}'`).join(' AND ')})`;

export interface Migration {
  version: number;
  /** What the step adds, in a sentence (shown when an upgrade fails). */
  what: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    what: 'events, anomalies, orders, rule sets, rejected lines and operators',
    up(db) {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

        CREATE TABLE rule_sets (
          key TEXT PRIMARY KEY,          -- id@version
          rule_set_id TEXT NOT NULL,
          version INTEGER NOT NULL,
          content TEXT NOT NULL,         -- the rule set as JSON
          hash TEXT NOT NULL,            -- sha256 of its canonical JSON
          added_at TEXT NOT NULL
        ) WITHOUT ROWID;

        -- Every rule set ever put in force, oldest first: the active one is the latest row.
        CREATE TABLE rule_activations (
          id INTEGER PRIMARY KEY,
          rule_set_key TEXT NOT NULL REFERENCES rule_sets(key),
          seq INTEGER,                   -- the RuleSetActivated event; NULL for the journal's initial rule set
          activated_at TEXT NOT NULL
        );

        CREATE TABLE events (
          seq INTEGER PRIMARY KEY,
          event_id TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL,
          order_id TEXT NOT NULL,
          trace_id TEXT,
          initiator_id TEXT NOT NULL,
          initiator_name TEXT,
          initiator_role TEXT NOT NULL,
          timestamp TEXT NOT NULL,       -- verbatim, as the main system wrote it
          instant INTEGER NOT NULL,      -- the timestamp in ms since the epoch
          data TEXT NOT NULL,            -- JSON
          recorded_at TEXT NOT NULL,
          source TEXT NOT NULL,
          rule_set TEXT NOT NULL,        -- key of the rule set the event was checked with
          hash TEXT NOT NULL,
          prev_hash TEXT NOT NULL
        );
        CREATE INDEX events_by_order ON events(order_id, seq);
        CREATE INDEX events_by_trace ON events(trace_id, seq) WHERE trace_id IS NOT NULL;

        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only: a recorded event is never changed; append a correction instead'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only: a recorded event is never deleted; append a correction instead'); END;

        CREATE TABLE anomalies (
          id INTEGER PRIMARY KEY,
          seq INTEGER NOT NULL,
          order_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          severity TEXT NOT NULL,
          message TEXT NOT NULL,
          resolved_by_seq INTEGER        -- NULL while open
        );
        CREATE INDEX anomalies_by_seq ON anomalies(seq);

        CREATE TABLE orders (
          order_id TEXT PRIMARY KEY,
          status TEXT,
          last_seq INTEGER NOT NULL,
          last_event_at TEXT NOT NULL,
          event_count INTEGER NOT NULL,
          open_anomalies INTEGER NOT NULL,
          created INTEGER NOT NULL,
          customer TEXT,
          lines TEXT NOT NULL,
          picked TEXT NOT NULL,
          before_hold TEXT,
          latest_instant INTEGER,
          latest_timestamp TEXT
        ) WITHOUT ROWID;
        CREATE INDEX orders_by_status ON orders(status, order_id);
        CREATE INDEX orders_flagged ON orders(order_id) WHERE open_anomalies > 0;

        CREATE TABLE rejected_lines (
          id INTEGER PRIMARY KEY,
          file TEXT NOT NULL,
          line INTEGER NOT NULL,
          reason TEXT NOT NULL,
          raw TEXT NOT NULL,
          rejected_at TEXT NOT NULL,
          fixed_by_seq INTEGER
        );
        CREATE INDEX rejected_by_file ON rejected_lines(file, line);

        CREATE TABLE operators (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          role TEXT NOT NULL,
          password_hash TEXT NOT NULL,
          created_at TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    what: 'orders counted per status',
    up(db) {
      // Counting 150,000 orders per status on every dashboard refresh is too slow; a small
      // table kept in step with the orders projection answers at once.
      db.exec(`
        CREATE TABLE status_counts (status TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO status_counts(status, count)
          SELECT status, count(*) FROM orders WHERE status IS NOT NULL GROUP BY status;
      `);
    },
  },
  {
    version: 3,
    what: 'the export cursor and history of exports to corporate',
    up: createExportsTable,
  },
  {
    version: 4,
    what: 'the sign-in attempts of the operators (the throttle and what Supervisors see of it)',
    up(db) {
      db.exec(SIGN_IN_ATTEMPTS_SQL);
    },
  },
  {
    version: 5,
    what: 'each export anchors the chain: its end hash and keys, in an append-only log',
    up: anchorExports,
  },
  {
    version: 6,
    what: 'refused lines known by their content, so a file imported again keeps none twice',
    up: addRejectedLineKeys,
  },
  {
    version: 7,
    what: 'the search index of the events (FTS5), filled from the events already recorded',
    up: createSearchIndex,
  },
  {
    version: 8,
    what: 'the correction requests found without reading every event (a partial index), and disabled operators',
    up(db) {
      // Partial: only the hand-written requests are in it, so an import pays nothing for it.
      db.exec("CREATE INDEX IF NOT EXISTS events_requests ON events(seq) WHERE type = 'CorrectionRequested'");
      // The OperatorDisabled event that disabled the operator (NULL: may sign in). Checked first:
      // a journal set back to an older version for a test keeps its columns.
      const columns = db.prepare("SELECT name FROM pragma_table_info('operators')").pluck().all();
      if (!columns.includes('disabled_by_seq')) db.exec('ALTER TABLE operators ADD COLUMN disabled_by_seq INTEGER');
    },
  },
  {
    version: 9,
    what: 'the events found by a compact key of their eventId (an integer index in place of the eventId unique index)',
    up: keyEventsById,
  },
  {
    version: 10,
    what: "the dashboard's counts kept as projections (events per hour, open anomalies by kind and initiator) and the orders flagged by status",
    up: addDashboardCounts,
  },
  {
    version: 11,
    what: "the duplicate check's key index split by generations of events, so an import writes as much per event at any size",
    up: splitKeyIndexByGeneration,
  },
  {
    version: 12,
    what: 'the orders of each trace kept as a projection, in place of an index on every event of a trace',
    up: traceOrdersFromEvents,
  },
  {
    version: 13,
    what: "the Bloom filters of the key index's finished generations kept, so an import does not make them again at every start",
    up: keepKeyFilters,
  },
  {
    version: 14,
    what: "the office events' index made again with a condition an INSERT checks without a temporary table",
    up: officeIndexWithoutList,
  },
];

/**
 * Migration 14: the office events' partial index (migration 10 made it with `type NOT IN (…)`)
 * made again with `NOT_MAIN_SYSTEM` as it is now. The index holds the same rows (the office's
 * events, a handful); making it reads the events once. A journal upgraded from before 10 has
 * it made as it is now already.
 */
function officeIndexWithoutList(db: Database.Database): void {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'events_office'").pluck().get();
  if (typeof sql === 'string' && sql.includes(NOT_MAIN_SYSTEM)) return;
  db.exec(`
    DROP INDEX IF EXISTS events_office;
    CREATE INDEX events_office ON events(type, seq) WHERE ${NOT_MAIN_SYSTEM};
  `);
}

/**
 * Events per hour of event time and open anomalies by kind, severity and initiator, kept in
 * step by every append (as `status_counts` is) so the dashboard reads a few hundred rows, not
 * the events. Filled here from what is recorded; an hour is whole hours since the epoch,
 * rounded down (negative instants too, as `Math.floor` does). Also the orders with open
 * anomalies by status (a partial index on the orders projection: the flagged orders only, and
 * nothing on `events`), for the Orders page's status + "has anomalies" filter, and their counts per
 * status (`flagged_counts`, kept like `status_counts`) for its count and chips; and the office's
 * events by type (a partial index: an imported event of the main system costs the check of its
 * type, no index entry), for the journal filtered by a rare type; and the resolved anomalies by
 * the event that resolved them (partial: an anomaly is flagged open), for an incremental export.
 */
function addDashboardCounts(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS event_hours (hour INTEGER PRIMARY KEY, events INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS open_anomaly_counts (
      kind TEXT NOT NULL,
      severity TEXT NOT NULL,
      initiator_id TEXT NOT NULL,
      initiator_name TEXT NOT NULL,  -- '' when the event names no one
      count INTEGER NOT NULL,
      PRIMARY KEY (kind, severity, initiator_id, initiator_name)
    ) WITHOUT ROWID;
    DELETE FROM event_hours;
    DELETE FROM open_anomaly_counts;
    INSERT INTO event_hours(hour, events)
      SELECT h, count(*) FROM (
        SELECT CASE WHEN instant >= 0 THEN instant / ${HOUR_MS} ELSE -((${HOUR_MS} - 1 - instant) / ${HOUR_MS}) END AS h
        FROM events
      ) GROUP BY h;
    INSERT INTO open_anomaly_counts(kind, severity, initiator_id, initiator_name, count)
      SELECT a.kind, a.severity, e.initiator_id, coalesce(e.initiator_name, ''), count(*)
      FROM anomalies a JOIN events e ON e.seq = a.seq
      WHERE a.resolved_by_seq IS NULL
      GROUP BY a.kind, a.severity, e.initiator_id, coalesce(e.initiator_name, '');
    CREATE INDEX IF NOT EXISTS orders_flagged_by_status ON orders(status, order_id) WHERE open_anomalies > 0;
    CREATE TABLE IF NOT EXISTS flagged_counts (status TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
    DELETE FROM flagged_counts;
    INSERT INTO flagged_counts(status, count)
      SELECT status, count(*) FROM orders WHERE open_anomalies > 0 AND status IS NOT NULL GROUP BY status;
    CREATE INDEX IF NOT EXISTS events_office ON events(type, seq) WHERE ${NOT_MAIN_SYSTEM};
    CREATE INDEX IF NOT EXISTS anomalies_resolved ON anomalies(resolved_by_seq) WHERE resolved_by_seq IS NOT NULL;
  `);
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Apply every migration above `from` up to `to` (default: the newest). The caller holds the transaction. */
export function migrate(db: Database.Database, from: number, to: number = SCHEMA_VERSION): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > to) continue;
    try {
      m.up(db);
    } catch (err) {
      throw new Error(`upgrading the journal to version ${m.version} (${m.what}) failed: ${(err as Error).message}`);
    }
  }
  db.pragma(`user_version = ${to}`);
}
