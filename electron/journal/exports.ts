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
}

export type ExportInput = Omit<ExportEntry, 'id'>;

interface ExportRow {
  id: number;
  bundle: string;
  from_seq: number;
  to_seq: number;
  events: number;
  destination: string;
  at: string;
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

export class ExportLog {
  private readonly cursorStmt: Database.Statement;
  private readonly insertStmt: Database.Statement;
  private readonly historyStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.cursorStmt = db.prepare('SELECT coalesce(max(to_seq), 0) AS seq FROM exports');
    this.insertStmt = db.prepare(
      'INSERT INTO exports(bundle, from_seq, to_seq, events, destination, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.historyStmt = db.prepare(
      'SELECT id, bundle, from_seq, to_seq, events, destination, at FROM exports ORDER BY id DESC LIMIT ?',
    );
  }

  /** The last seq already exported (0 before the first export). */
  cursor(): number {
    return (this.cursorStmt.get() as { seq: number }).seq;
  }

  /**
   * Advance the cursor. Refused unless the range continues exactly from the cursor: a bundle
   * that skipped or repeated events must never be recorded as sent.
   */
  record(input: ExportInput): ExportEntry {
    return this.db
      .transaction(() => {
        const cursor = this.cursor();
        if (input.fromSeq !== cursor + 1 || input.toSeq < input.fromSeq) {
          throw new JournalRefusal(
            'stale',
            `export ${input.bundle} covers seq ${input.fromSeq}–${input.toSeq} but the export cursor is at ${cursor}: ` +
              `the next export must start at seq ${cursor + 1}`,
          );
        }
        const id = Number(
          this.insertStmt.run(input.bundle, input.fromSeq, input.toSeq, input.events, input.destination, input.at)
            .lastInsertRowid,
        );
        return { id, ...input };
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
    }));
  }
}
