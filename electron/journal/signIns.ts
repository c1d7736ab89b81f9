/**
 * When each operator last signed in, so the handover can open on "since you last signed in".
 * Kept in the journal file beside the operators it belongs to; not an event (signing in changes
 * nothing of the warehouse), and not hashed.
 */
import type Database from 'better-sqlite3';

/** The migration step that creates the table (listed in ./migrations as version 9). */
export function createSignInsTable(db: Database.Database): void {
  db.exec(`
    CREATE TABLE operator_sign_ins (
      operator_id TEXT PRIMARY KEY,
      last_at TEXT NOT NULL,          -- this sign-in (ISO)
      previous_at TEXT                -- the one before it; NULL at the first
    ) WITHOUT ROWID;
  `);
}

export class SignInLog {
  private readonly getStmt: Database.Statement<[string], { last_at: string; previous_at: string | null }>;
  private readonly putStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare('SELECT last_at, previous_at FROM operator_sign_ins WHERE operator_id = ?');
    this.putStmt = db.prepare(
      `INSERT INTO operator_sign_ins(operator_id, last_at, previous_at) VALUES (?, ?, NULL)
       ON CONFLICT(operator_id) DO UPDATE SET previous_at = last_at, last_at = excluded.last_at`,
    );
  }

  /** Note a sign-in at `at`; returns when the operator signed in before it (null the first time). */
  record(operatorId: string, at: string): string | null {
    this.putStmt.run(operatorId, at);
    return this.previous(operatorId);
  }

  /** When the operator signed in before their latest sign-in (null if never). */
  previous(operatorId: string): string | null {
    return this.getStmt.get(operatorId)?.previous_at ?? null;
  }
}
