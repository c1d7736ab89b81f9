/**
 * The export cursor and the history of exports to corporate, kept in the journal file itself so
 * they move with it. The cursor is the `toSeq` of the newest successful export: it is only ever
 * advanced after a bundle is whole at its destination, so a failed or interrupted export leaves it
 * where it was and the next run sends the same events again (never fewer, never twice).
 */
import type Database from 'better-sqlite3';
import { JournalRefusal } from './types';

/** One successful export, as recorded after its bundle was renamed into place. */
export interface ExportEntry {
  id: number;
  bundle: string;
  fromSeq: number;
  toSeq: number;
  events: number;
  destination: string;
  /** When the bundle was completed (ISO). */
  at: string;
  /** The hash of seq `toSeq` as exported: the anchor `verify` holds the journal to (null: recorded before anchors). */
  endHash: string | null;
  /** The key that signed the bundle, and the key it announced (a rotation), by fingerprint. */
  keyFingerprint: string | null;
  nextKeyFingerprint: string | null;
}

export type ExportInput = Omit<ExportEntry, 'id' | 'endHash' | 'keyFingerprint' | 'nextKeyFingerprint'> & {
  endHash: string;
  keyFingerprint: string;
  nextKeyFingerprint?: string | null;
};

interface ExportRow {
  id: number;
  bundle: string;
  from_seq: number;
  to_seq: number;
  events: number;
  destination: string;
  at: string;
  end_hash: string | null;
  key_fingerprint: string | null;
  next_key_fingerprint: string | null;
}

/** The migration step that creates the table (listed in ./migrations). */
export function createExportsTable(db: Database.Database): void {
  db.exec(`
    CREATE TABLE exports (
      id INTEGER PRIMARY KEY,
      bundle TEXT NOT NULL,
      from_seq INTEGER NOT NULL,
      to_seq INTEGER NOT NULL,
      events INTEGER NOT NULL,
      destination TEXT NOT NULL,
      at TEXT NOT NULL
    );
  `);
}

/**
 * The migration step that makes each export an anchor: the hash it ended with and the keys
 * involved, and the log as append-only as the events. Exports recorded before take the hash the
 * journal holds now for their last seq (what it was exported with, unless already tampered).
 */
export function anchorExports(db: Database.Database): void {
  db.exec(`
    ALTER TABLE exports ADD COLUMN end_hash TEXT;
    ALTER TABLE exports ADD COLUMN key_fingerprint TEXT;
    ALTER TABLE exports ADD COLUMN next_key_fingerprint TEXT;
    UPDATE exports SET end_hash = (SELECT hash FROM events WHERE events.seq = exports.to_seq);
    CREATE TRIGGER exports_no_update BEFORE UPDATE ON exports
    BEGIN SELECT RAISE(ABORT, 'the export log is append-only: a recorded export is never changed'); END;
    CREATE TRIGGER exports_no_delete BEFORE DELETE ON exports
    BEGIN SELECT RAISE(ABORT, 'the export log is append-only: a recorded export is never deleted'); END;
  `);
}

export class ExportLog {
  private readonly cursorStmt: Database.Statement;
  private readonly insertStmt: Database.Statement;
  private readonly historyStmt: Database.Statement;
  private readonly countStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.cursorStmt = db.prepare('SELECT coalesce(max(to_seq), 0) AS seq FROM exports');
    this.insertStmt = db.prepare(
      `INSERT INTO exports(bundle, from_seq, to_seq, events, destination, at, end_hash, key_fingerprint, next_key_fingerprint)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.historyStmt = db.prepare(
      `SELECT id, bundle, from_seq, to_seq, events, destination, at, end_hash, key_fingerprint, next_key_fingerprint
       FROM exports ORDER BY id DESC LIMIT ?`,
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM exports');
  }

  /** The last seq already exported (0 before the first export). */
  cursor(): number {
    return (this.cursorStmt.get() as { seq: number }).seq;
  }

  /** How many exports were recorded. */
  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  /**
   * Advance the cursor. Refused unless the range continues exactly from the cursor: a bundle
   * that skipped or repeated events must never be recorded as sent. An empty range (a key
   * announcement with no new events) leaves the cursor where it is.
   */
  record(input: ExportInput): ExportEntry {
    return this.db
      .transaction(() => {
        const cursor = this.cursor();
        const empty = input.toSeq === input.fromSeq - 1;
        if (input.fromSeq !== cursor + 1 || input.toSeq < input.fromSeq - 1 || (empty && !input.nextKeyFingerprint)) {
          throw new JournalRefusal(
            'stale',
            `export ${input.bundle} covers seq ${input.fromSeq}–${input.toSeq} but the export cursor is at ${cursor}: ` +
              `the next export must start at seq ${cursor + 1}`,
          );
        }
        const id = Number(
          this.insertStmt.run(
            input.bundle,
            input.fromSeq,
            input.toSeq,
            input.events,
            input.destination,
            input.at,
            input.endHash,
            input.keyFingerprint,
            input.nextKeyFingerprint ?? null,
          ).lastInsertRowid,
        );
        return { id, ...input, nextKeyFingerprint: input.nextKeyFingerprint ?? null };
      })
      .immediate();
  }

  /** Newest first. */
  history(limit = 100): ExportEntry[] {
    return (this.historyStmt.all(Math.max(1, Math.min(limit, 10_000))) as ExportRow[]).map((r) => ({
      id: r.id,
      bundle: r.bundle,
      fromSeq: r.from_seq,
      toSeq: r.to_seq,
      events: r.events,
      destination: r.destination,
      at: r.at,
      endHash: r.end_hash,
      keyFingerprint: r.key_fingerprint,
      nextKeyFingerprint: r.next_key_fingerprint,
    }));
  }
}
