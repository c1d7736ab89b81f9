/**
 * Rule sets kept in the journal: stored by key `id@version` with their content and hash, and
 * put in force by activations (the latest activation is the rule set in force).
 */
import type Database from 'better-sqlite3';
import { compileRules, ruleSetSchema, type CompiledRules, type RuleSet } from '../../shared/rules/ruleSet';
import { ruleSetHash } from './hash';
import { JournalRefusal, type ActiveRuleSet } from './types';

export const ruleSetKey = (rs: Pick<RuleSet, 'id' | 'version'>): string => `${rs.id}@${rs.version}`;

interface ActivationRow {
  key: string;
  hash: string;
  content: string;
  seq: number | null;
}

export class RuleSetStore {
  private readonly compiled = new Map<string, CompiledRules>();
  private readonly insertStmt: Database.Statement;
  private readonly byKeyStmt: Database.Statement<[string], { hash: string; content: string }>;
  private readonly activeStmt: Database.Statement<[], ActivationRow>;
  private readonly historyStmt: Database.Statement<[], ActivationRow>;
  private readonly activateStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      'INSERT INTO rule_sets(key, rule_set_id, version, content, hash, added_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byKeyStmt = db.prepare('SELECT hash, content FROM rule_sets WHERE key = ?');
    const activation =
      'SELECT a.rule_set_key AS key, r.hash, r.content, a.seq FROM rule_activations a JOIN rule_sets r ON r.key = a.rule_set_key';
    this.activeStmt = db.prepare(`${activation} ORDER BY a.id DESC LIMIT 1`);
    this.historyStmt = db.prepare(`${activation} ORDER BY a.id`);
    this.activateStmt = db.prepare('INSERT INTO rule_activations(rule_set_key, seq, activated_at) VALUES (?, ?, ?)');
  }

  /** Store a rule set (idempotent); a different rule set under a key already used is refused. */
  store(ruleSet: RuleSet, now: string): { key: string; hash: string } {
    const key = ruleSetKey(ruleSet);
    const hash = ruleSetHash(ruleSet);
    const existing = this.byKeyStmt.get(key);
    if (existing) {
      if (existing.hash !== hash) {
        throw new JournalRefusal(
          'refused',
          `rule set ${key} is already stored with different rules: give the changed rule set a new version`,
        );
      }
      return { key, hash };
    }
    this.insertStmt.run(key, ruleSet.id, ruleSet.version, JSON.stringify(ruleSet), hash, now);
    return { key, hash };
  }

  /** The hash of the rule set stored under `key`, if one is. */
  storedHash(key: string): string | undefined {
    return this.byKeyStmt.get(key)?.hash;
  }

  /** Put a stored rule set in force from the next event on. */
  activate(key: string, seq: number | null, now: string): void {
    this.activateStmt.run(key, seq, now);
  }

  active(): ActiveRuleSet {
    const row = this.activeStmt.get();
    if (!row) throw new Error('the journal has no rule set in force: its rule_activations table is empty');
    return toActive(row);
  }

  history(): ActiveRuleSet[] {
    return this.historyStmt.all().map(toActive);
  }

  /** The compiled rules of a stored rule set, compiled once per journal. */
  compiledFor(key: string): CompiledRules {
    let c = this.compiled.get(key);
    if (!c) {
      const row = this.byKeyStmt.get(key);
      if (!row) throw new Error(`rule set ${key} is named by an event but is not stored in the journal`);
      c = compileRules(ruleSetSchema.parse(JSON.parse(row.content)));
      this.compiled.set(key, c);
    }
    return c;
  }

  /** The key and compiled rules in force now (one small query: another process may have changed them). */
  current(): { key: string; rules: CompiledRules } {
    const row = this.activeStmt.get();
    if (!row) throw new Error('the journal has no rule set in force: its rule_activations table is empty');
    return { key: row.key, rules: this.compiledFor(row.key) };
  }
}

function toActive(row: ActivationRow): ActiveRuleSet {
  return {
    key: row.key,
    hash: row.hash,
    ruleSet: ruleSetSchema.parse(JSON.parse(row.content)),
    activatedAtSeq: row.seq,
  };
}
