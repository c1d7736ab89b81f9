/**
 * The operators table: who may sign in to this journal, with which role.
 */
import type Database from 'better-sqlite3';
import type { OperatorRecord } from '../../shared/contract/records';
import { checkPassword, checkPasswordAsync, dummyHash, hashPassword, hashPasswordAsync } from '../operators/passwords';
import { operatorProblem, type NewOperator } from '../operators/validate';
import { JournalRefusal } from './types';

interface OperatorRow {
  id: string;
  name: string;
  role: OperatorRecord['role'];
  password_hash: string;
  disabled_by_seq: number | null;
}

export class OperatorStore {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement<[string], OperatorRow>;
  private readonly all: Database.Statement<[], OperatorRow>;
  private readonly markDisabled: Database.Statement<[number, string]>;
  private readonly newHash: Database.Statement<[string, string]>;
  private readonly since: Database.Statement<[string], { id: string; name: string; role: string; created_at: string }>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO operators(id, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
    );
    const columns = 'id, name, role, password_hash, disabled_by_seq';
    this.byId = db.prepare(`SELECT ${columns} FROM operators WHERE id = ?`);
    this.all = db.prepare(`SELECT ${columns} FROM operators ORDER BY id`);
    this.markDisabled = db.prepare('UPDATE operators SET disabled_by_seq = ? WHERE id = ? AND disabled_by_seq IS NULL');
    this.newHash = db.prepare('UPDATE operators SET password_hash = ? WHERE id = ?');
    // created_at is written as toISOString (UTC, fixed width): text order is time order.
    this.since = db.prepare(
      'SELECT id, name, role, created_at FROM operators WHERE created_at > ? ORDER BY created_at, id',
    );
  }

  /** Operators added after `sinceIso` (a UTC toISOString time), oldest first. */
  addedSince(sinceIso: string): { id: string; name: string; role: string; at: string }[] {
    return this.since.all(sinceIso).map((r) => ({ id: r.id, name: r.name, role: r.role, at: r.created_at }));
  }

  add(input: NewOperator): OperatorRecord {
    const problem = operatorProblem(input);
    if (problem) throw new JournalRefusal('invalid', problem);
    return this.insertHashed(input, hashPassword(input.password));
  }

  /** `add` with the hashing off this thread; the insert itself refuses an id taken meanwhile. */
  async addAsync(input: NewOperator): Promise<OperatorRecord> {
    const problem = operatorProblem(input);
    if (problem) throw new JournalRefusal('invalid', problem);
    return this.insertHashed(input, await hashPasswordAsync(input.password));
  }

  private insertHashed(input: NewOperator, hash: string): OperatorRecord {
    const name = input.name.trim();
    const changes = this.insert.run(input.id, name, input.role, hash, new Date().toISOString()).changes;
    if (changes === 0) throw new JournalRefusal('refused', `operator ${JSON.stringify(input.id)} already exists`);
    return { id: input.id, name, role: input.role };
  }

  authenticate(id: string, password: string): OperatorRecord | undefined {
    const row = this.byId.get(id);
    // Check a hash even for an unknown id: how long a refusal takes must not tell which ids exist.
    const ok = checkPassword(password, row?.password_hash ?? dummyHash());
    return row && ok ? enabled(row) : undefined;
  }

  async authenticateAsync(id: string, password: string): Promise<OperatorRecord | undefined> {
    const row = this.byId.get(id);
    const ok = await checkPasswordAsync(password, row?.password_hash ?? dummyHash());
    return row && ok ? enabled(row) : undefined;
  }

  /**
   * An operator who may act: a disabled one is no operator for signing in, for the session the
   * dispatcher re-reads on every call (so the windows signed in as them are signed out), or for
   * writing office events.
   */
  get(id: string): OperatorRecord | undefined {
    const row = this.byId.get(id);
    return row && row.disabled_by_seq === null ? record(row) : undefined;
  }

  /** Whoever the journal knows, disabled or not (`disabled: true` says which). */
  find(id: string): OperatorRecord | undefined {
    const row = this.byId.get(id);
    return row && record(row);
  }

  list(): OperatorRecord[] {
    return this.all.all().map(record);
  }

  /** The caller holds the transaction that appended the `OperatorDisabled` at `seq`. */
  disable(id: string, seq: number): void {
    if (this.markDisabled.run(seq, id).changes !== 1) throw new Error(`operator ${id} was not there to disable`);
  }

  /** The caller holds the transaction that appended the `PasswordReset`. */
  setPasswordHash(id: string, hash: string): void {
    if (this.newHash.run(hash, id).changes !== 1) throw new Error(`operator ${id} was not there to reset`);
  }
}

const record = (row: OperatorRow): OperatorRecord =>
  row.disabled_by_seq === null
    ? { id: row.id, name: row.name, role: row.role }
    : { id: row.id, name: row.name, role: row.role, disabled: true };

/** The right password of a disabled operator is refused in words; a wrong one says no more than any other. */
function enabled(row: OperatorRow): OperatorRecord {
  if (row.disabled_by_seq !== null) {
    throw new JournalRefusal(
      'not-allowed',
      `${row.id} has been disabled by a Supervisor and can no longer sign in. Ask a Supervisor if this is a mistake.`,
    );
  }
  return record(row);
}
