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
}

export class OperatorStore {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement<[string], OperatorRow>;
  private readonly all: Database.Statement<[], OperatorRow>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO operators(id, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
    );
    this.byId = db.prepare('SELECT id, name, role, password_hash FROM operators WHERE id = ?');
    this.all = db.prepare('SELECT id, name, role, password_hash FROM operators ORDER BY id');
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
    return row && ok ? record(row) : undefined;
  }

  async authenticateAsync(id: string, password: string): Promise<OperatorRecord | undefined> {
    const row = this.byId.get(id);
    const ok = await checkPasswordAsync(password, row?.password_hash ?? dummyHash());
    return row && ok ? record(row) : undefined;
  }

  get(id: string): OperatorRecord | undefined {
    const row = this.byId.get(id);
    return row && record(row);
  }

  list(): OperatorRecord[] {
    return this.all.all().map(record);
  }
}

const record = (row: OperatorRow): OperatorRecord => ({ id: row.id, name: row.name, role: row.role });
