/**
 * The sign-in attempts of a journal's operators: every wrong password, every attempt refused
 * while an operator waits or is locked, and every sign-in that worked (the count of wrong
 * passwords in a row starts again after one).
 *
 * They are kept in the journal file, not beside it, because the throttle must survive a restart
 * of the app (a guesser must not reset it by closing the window), and because they are about the
 * operators of this journal, whichever workstation opens it; Supervisors read them with the
 * rest. They are not events of the hash chain: they are not the warehouse's history, and a
 * stranger typing passwords must not be able to append to the chained record. The table is
 * append-only like the events (triggers), so the app itself cannot tidy a guesser's traces away.
 */
import type Database from 'better-sqlite3';
import type { SignInAttemptRecord, SignInOutcome } from '../../shared/contract/signIn';

export const SIGN_IN_ATTEMPTS_SQL = `
  CREATE TABLE sign_in_attempts (
    id INTEGER PRIMARY KEY,
    operator_id TEXT NOT NULL,      -- as typed: attempts at ids that do not exist are kept too
    at TEXT NOT NULL,
    session TEXT NOT NULL,          -- the window (or browser page) it came from
    outcome TEXT NOT NULL,          -- ok | wrong-password | too-soon | locked
    locked_until TEXT
  );
  CREATE INDEX sign_in_attempts_by_operator ON sign_in_attempts(operator_id, id);
  CREATE TRIGGER sign_in_attempts_no_update BEFORE UPDATE ON sign_in_attempts
  BEGIN SELECT RAISE(ABORT, 'sign-in attempts are kept as they happened'); END;
  CREATE TRIGGER sign_in_attempts_no_delete BEFORE DELETE ON sign_in_attempts
  BEGIN SELECT RAISE(ABORT, 'sign-in attempts are kept as they happened'); END;
`;

export interface NewSignInAttempt {
  operatorId: string;
  at: Date;
  session: string;
  outcome: SignInOutcome;
  lockedUntil?: Date | null;
}

/** Wrong passwords since the operator's last sign-in that worked, and when the latest was. */
export interface SignInStanding {
  failures: number;
  lastFailureAt: Date | null;
}

interface AttemptRow {
  id: number;
  operator_id: string;
  at: string;
  session: string;
  outcome: SignInOutcome;
  locked_until: string | null;
}

export class SignInLog {
  private readonly insert: Database.Statement;
  private readonly standing: Database.Statement<[string, string], { failures: number; last: string | null }>;
  private readonly newest: Database.Statement<[number, number], AttemptRow>;
  private readonly previousOk: Database.Statement<[string], { at: string }>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO sign_in_attempts(operator_id, at, session, outcome, locked_until) VALUES (?, ?, ?, ?, ?)',
    );
    this.standing = db.prepare(`
      SELECT count(*) AS failures, max(at) AS last FROM sign_in_attempts
      WHERE operator_id = ? AND outcome = 'wrong-password'
        AND id > coalesce((SELECT max(id) FROM sign_in_attempts WHERE operator_id = ? AND outcome = 'ok'), 0)`);
    // The sign-in before the latest one that worked: the handover's "since you last signed in".
    this.previousOk = db.prepare(
      "SELECT at FROM sign_in_attempts WHERE operator_id = ? AND outcome = 'ok' ORDER BY id DESC LIMIT 1 OFFSET 1",
    );
    this.newest = db.prepare(
      'SELECT id, operator_id, at, session, outcome, locked_until FROM sign_in_attempts WHERE id < ? ORDER BY id DESC LIMIT ?',
    );
  }

  record(a: NewSignInAttempt): void {
    this.insert.run(a.operatorId, a.at.toISOString(), a.session, a.outcome, a.lockedUntil?.toISOString() ?? null);
  }

  standingOf(operatorId: string): SignInStanding {
    const row = this.standing.get(operatorId, operatorId)!;
    return { failures: row.failures, lastFailureAt: row.last ? new Date(row.last) : null };
  }

  /** When the operator signed in before their latest sign-in (null if never). */
  previousSignIn(operatorId: string): string | null {
    return this.previousOk.get(operatorId)?.at ?? null;
  }

  /** Newest first; `beforeId` pages back. */
  list(query: { limit?: number; beforeId?: number } = {}): SignInAttemptRecord[] {
    return this.newest.all(query.beforeId ?? Number.MAX_SAFE_INTEGER, query.limit ?? 200).map((r) => ({
      id: r.id,
      operatorId: r.operator_id,
      at: r.at,
      session: r.session,
      outcome: r.outcome,
      lockedUntil: r.locked_until,
    }));
  }
}
