/**
 * The events' compact key for the duplicate check: a 47-bit hash of the eventId, kept in the
 * INTEGER column `event_key` with an index of its own (migration 9).
 *
 * Why not a UNIQUE index on the eventId itself: the main system's ids are random UUIDs, so each
 * imported event lands on a random page of that index, and every commit rewrote most of its
 * pages (36 bytes and more per entry; SQLite's commit was 38% of an import's CPU and wrote 3.9 GB
 * for a million events). An integer of six bytes makes the index a third of that size, so a
 * batch dirties far fewer pages. The key is not unique: two ids may share one, so every lookup
 * compares the full id too (`BY_EVENT_ID`), and a duplicate is an equal id, never an equal key.
 *
 * The key is stored: this function must never change (a changed one would find no duplicate
 * recorded before). `verify` checks every stored key against it.
 */
import type Database from 'better-sqlite3';

/** The SQL name of `eventKey` (registered on every connection the journal opens; the migration fills the column with it). */
export const EVENT_KEY_SQL = 'ledger_event_key';

/**
 * The key's index is split by generations of 2^17 events (migration 11: an index on
 * `(seq >> 17, event_key)`). An event lands in the part of the index of the generation being
 * filled, which stays about 500 pages, so a write transaction's keys dirty at most those pages
 * whatever the journal's size: with one index over every key, each commit rewrote pages all
 * over it, and an import wrote more per event the bigger the journal was (at 1M events, 2^19
 * wrote 1.54 KB an event, 2^17 1.31 KB). A lookup asks every generation, and a finished one
 * is asked through its filter first (./keyFilter).
 */
export const GENERATION_BITS = 17;
export const GENERATION_SIZE = 2 ** GENERATION_BITS;

/** The generation of the key index an event of `seq` is in. */
export function generationOf(seq: number): number {
  return Math.floor(seq / GENERATION_SIZE);
}

/** The SQL name of the generations of a journal whose last seq is given, as a JSON array. */
const GENERATIONS_SQL = 'ledger_key_generations';

/** `[0, 1, …, generationOf(lastSeq)]` as JSON, for `json_each`. */
export function generationsJson(lastSeq: number): string {
  const n = generationOf(Math.max(0, lastSeq)) + 1;
  return JSON.stringify(Array.from({ length: n }, (_, i) => i));
}

/** SQL: the key generations of the journal as it stands (a table of one column, `value`). */
const GENERATIONS = `json_each(${GENERATIONS_SQL}((SELECT coalesce(max(seq), 0) FROM events)))`;

/**
 * A WHERE clause finding one event by its id through the key's index (every generation of it):
 * bind `eventKey(id), id`.
 */
export const BY_EVENT_ID = `(seq >> ${GENERATION_BITS}) IN (SELECT value FROM ${GENERATIONS}) AND event_key = ? AND event_id = ?`;

/** A WHERE clause: some event has this key (bind `eventKey(id)`); a match still needs its id compared. */
export const KEY_TAKEN = `(seq >> ${GENERATION_BITS}) IN (SELECT value FROM ${GENERATIONS}) AND event_key = ?`;

/** A WHERE clause: some event of one generation has this key. Bind the generation, then the key. */
export const KEY_IN_GENERATION = `(seq >> ${GENERATION_BITS}) = ? AND event_key = ?`;

/**
 * Two 32-bit FNV-1a hashes of the UTF-16 code units (different offsets, the second with a final
 * avalanche), joined into 47 bits: non-negative and below 2^47, so SQLite stores it in six bytes
 * and JavaScript holds it exactly.
 */
export function eventKey(eventId: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ eventId.length;
  for (let i = 0; i < eventId.length; i++) {
    const c = eventId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  // 32 bits of a, 15 of b.
  return (a >>> 0) * 0x8000 + (b >>> 17);
}

/** Make `ledger_event_key(event_id)` and `ledger_key_generations(last_seq)` callable from SQL. */
export function registerEventKeyFunction(db: Database.Database): void {
  db.function(EVENT_KEY_SQL, { deterministic: true }, (eventId) => eventKey(String(eventId)));
  db.function(GENERATIONS_SQL, { deterministic: true }, (lastSeq) => generationsJson(Number(lastSeq)));
}

/**
 * Migration 9: the events table rebuilt with `event_key` and without the UNIQUE eventId index.
 * SQLite cannot drop a column's UNIQUE in place, so the table is made anew, filled in seq order,
 * the old one dropped (a DROP TABLE fires no delete trigger) and the new one renamed; then its
 * indexes and append-only triggers are made again. The rows are copied as they were, so every
 * hash of the chain still holds. The caller holds the transaction (foreign keys are off then).
 */
export function keyEventsById(db: Database.Database): void {
  registerEventKeyFunction(db);
  const columns =
    'seq, event_id, type, order_id, trace_id, initiator_id, initiator_name, initiator_role, timestamp, instant, data, recorded_at, source, rule_set, hash, prev_hash';
  db.exec(`
    CREATE TABLE events_keyed (
      seq INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      order_id TEXT NOT NULL,
      trace_id TEXT,
      initiator_id TEXT NOT NULL,
      initiator_name TEXT,
      initiator_role TEXT NOT NULL,
      timestamp TEXT NOT NULL,       -- verbatim, as the main system wrote it
      instant INTEGER NOT NULL,      -- the timestamp in ms since the epoch
      data TEXT NOT NULL,            -- JSON, canonical
      recorded_at TEXT NOT NULL,
      source TEXT NOT NULL,
      rule_set TEXT NOT NULL,        -- key of the rule set the event was checked with
      hash TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      event_key INTEGER NOT NULL     -- ${EVENT_KEY_SQL}(event_id): the duplicate check's index
    );
    INSERT INTO events_keyed(${columns}, event_key)
      SELECT ${columns}, ${EVENT_KEY_SQL}(event_id) FROM events ORDER BY seq;
    DROP TABLE events;
    ALTER TABLE events_keyed RENAME TO events;

    CREATE INDEX events_by_key ON events(event_key);  -- split by generation in migration 11
    CREATE INDEX events_by_order ON events(order_id, seq);
    CREATE INDEX events_by_trace ON events(trace_id, seq) WHERE trace_id IS NOT NULL;
    CREATE INDEX events_requests ON events(seq) WHERE type = 'CorrectionRequested';

    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only: a recorded event is never changed; append a correction instead'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only: a recorded event is never deleted; append a correction instead'); END;
  `);
}
