/** Opening journal files: creation, kind, upgrades of older schemas, refusal of newer ones. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Journal, SCHEMA_VERSION } from '../../electron/journal';
import { migrate, NOT_MAIN_SYSTEM } from '../../electron/journal/migrations';
import { initialise } from '../../electron/journal/open';
import { correctedMissingPackage, created, rawConnection, reopen, sampleEvents, tempDir } from './helpers';

/** The tables the migrations after version 1 create, found by running them on an empty version-1 schema. */
function addedAfterVersion1(): string[] {
  const scratch = new Database(':memory:');
  migrate(scratch, 0, 1);
  const tables = () =>
    new Set(scratch.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  const v1 = tables();
  migrate(scratch, 1);
  const added = [...tables()].filter((t) => !v1.has(t));
  scratch.close();
  return added;
}

describe('opening a journal', () => {
  it('creates a WAL journal with synchronous=FULL, foreign keys, the floor rules in force and its kind', () => {
    const file = path.join(tempDir(), 'training.sqlite');
    const journal = reopen(file, { kind: 'training' });
    expect(journal.kind).toBe('training');
    expect(journal.activeRuleSet()).toMatchObject({ key: 'floor-rules@2', activatedAtSeq: null });
    expect(journal.activeRuleSet().hash).toMatch(/^[0-9a-f]{64}$/);
    expect(journal.ruleSetHistory().map((r) => r.key)).toEqual(['floor-rules@2']);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    journal.close();
    expect(reopen(file, { kind: 'real' }).kind).toBe('training');
  });

  it('refuses a missing file when asked not to create one', () => {
    const file = path.join(tempDir(), 'none.sqlite');
    expect(() => Journal.open(file, { create: false })).toThrow(/no journal at .*none\.sqlite/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a journal from a newer version and leaves the file untouched', () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE from_the_future (x)');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(file);
    expect(() => Journal.open(file)).toThrow(
      new RegExp(
        `newer Warehouse Ledger \\(journal version ${SCHEMA_VERSION + 1}; this one knows up to version ${SCHEMA_VERSION}\\)`,
      ),
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses an SQLite file that is not a journal', () => {
    const file = path.join(tempDir(), 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE invoices (x)');
    db.close();
    expect(() => Journal.open(file)).toThrow(/not a Warehouse Ledger journal/);
  });

  it('upgrades a version-1 journal with events in one step, keeping every event and counting the statuses', () => {
    const file = path.join(tempDir(), 'v1.sqlite');
    const journal = reopen(file);
    journal.appendBatch(sampleEvents('missing-package.ndjson'), 'samples');
    const counts = journal.statusCounts();
    const last = journal.chainHash(23);
    journal.close();
    // Make it what version 1 wrote: without anything the later migrations add.
    const db = new Database(file);
    for (const name of addedAfterVersion1()) db.exec(`DROP TABLE IF EXISTS "${name}"`);
    db.exec('DROP INDEX rejected_by_key; ALTER TABLE rejected_lines DROP COLUMN line_key');
    db.pragma('user_version = 1');
    db.close();

    const upgraded = reopen(file);
    expect(upgraded.statusCounts()).toEqual(counts);
    expect(upgraded.chainHash(23)).toBe(last);
    expect(upgraded.verify().ok).toBe(true);
  });

  it('upgrades a journal made by the version-1 migration alone', () => {
    const file = path.join(tempDir(), 'v1-fresh.sqlite');
    const db = new Database(file);
    db.transaction(() => migrate(db, 0, 1))();
    db.exec(`INSERT INTO meta(key, value) VALUES ('kind', 'real');
      INSERT INTO orders VALUES ('1', 'Packed', 1, 't', 1, 0, 1, NULL, '[]', '{}', NULL, NULL, NULL);`);
    db.close();
    // It has no rule set in force yet, but opening still upgrades it in one step.
    const journal = reopen(file);
    expect(journal.statusCounts()).toEqual({ Packed: 1 });
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('leaves an old journal as it was when its upgrade fails', () => {
    const file = path.join(tempDir(), 'broken-v1.sqlite');
    const db = new Database(file);
    db.transaction(() => migrate(db, 0, 1))();
    // Something in the way of version 2's new table makes the upgrade fail half-way.
    db.exec('CREATE TABLE status_counts (x)');
    db.close();
    expect(() => Journal.open(file)).toThrow(/upgrading the journal to version 2 \(orders counted per status\) failed/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();
  });

  it('opens read-only without writing', () => {
    const file = path.join(tempDir(), 'ro.sqlite');
    const journal = reopen(file);
    journal.appendBatch(sampleEvents('missing-package.ndjson'), 'samples');
    journal.close();
    const ro = reopen(file, { readonly: true });
    expect(ro.lastSeq()).toBe(23);
    expect(() => ro.appendBatch(sampleEvents('missing-package.ndjson'), 'x')).toThrow(
      /^The journal is read-only here .*: this batch of events was not recorded/,
    );
  });

  it('upgrades refused lines kept twice by older imports: every row stays, none is added again', () => {
    const file = path.join(tempDir(), 'v3-refused.sqlite');
    // A journal as version 3 made it (the upgrades after it not yet run).
    const db = new Database(file);
    db.transaction(() => {
      migrate(db, 0, 3);
      initialise(db, 'real');
    })();
    // What version 3 did: the conflicting line again on every import, under any path.
    const insert = db.prepare(
      "INSERT INTO rejected_lines(file, line, reason, raw, rejected_at) VALUES (?, 9, 'conflict', 'the same text', 't')",
    );
    insert.run('bad-lines.ndjson');
    insert.run('./bad-lines.ndjson');
    insert.run('/data/bad-lines.ndjson');
    db.close();

    const upgraded = reopen(file);
    expect(upgraded.rejectedLines({ limit: 100 })).toHaveLength(3);
    upgraded.appendBatch([], 'again', [
      { file: 'other-name.ndjson', line: 9, reason: 'conflict', raw: 'the same text' },
    ]);
    upgraded.appendBatch([], 'again', [{ file: 'other-name.ndjson', line: 10, reason: 'new', raw: 'the same text' }]);
    expect(upgraded.rejectedLines({ limit: 100 }).map((r) => `${r.file}:${r.line}`)).toEqual([
      'bad-lines.ndjson:9',
      './bad-lines.ndjson:9',
      '/data/bad-lines.ndjson:9',
      'other-name.ndjson:10',
    ]);
  });
  it("upgrades a version-13 journal in place: the office events' index checked without a temporary table on every insert", () => {
    const journal = correctedMissingPackage();
    const file = journal.path;
    const office = journal.journalPage({ types: ['StatusCorrected'] }, undefined, 100);
    expect(office).toHaveLength(1);
    journal.close();
    // The index as version 13 had it: `type NOT IN (…)`, a temporary b-tree for every INSERT.
    const old = rawConnection(file);
    old.exec(`DROP INDEX events_office;
      CREATE INDEX events_office ON events(type, seq)
        WHERE type NOT IN ('OrderCreated', 'ItemPicked', 'StatusChanged', 'CustomerNotified');`);
    old.pragma('user_version = 13');
    const insert = `INSERT INTO events(seq, event_id, type, order_id, trace_id, initiator_id, initiator_name,
      initiator_role, timestamp, instant, data, recorded_at, source, rule_set, hash, prev_hash, event_key)
      VALUES (${Array(17).fill('?').join(', ')})`;
    const opcodes = (db: Database.Database) =>
      (db.prepare(`EXPLAIN ${insert}`).all(...Array<null>(17).fill(null)) as { opcode: string }[]).map((o) => o.opcode);
    expect(opcodes(old)).toContain('OpenEphemeral');
    old.close();

    const upgraded = reopen(file);
    const raw = rawConnection(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(opcodes(raw)).not.toContain('OpenEphemeral');
    // The same rows, found through the index by the journal's filter.
    expect(upgraded.journalPage({ types: ['StatusCorrected'] }, undefined, 100)).toEqual(office);
    const plan = raw
      .prepare(
        `EXPLAIN QUERY PLAN SELECT seq FROM events WHERE type IN (SELECT value FROM json_each(?)) AND ${NOT_MAIN_SYSTEM} ORDER BY seq DESC LIMIT 200`,
      )
      .all('["StatusCorrected"]') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX events_office/);
    // Appending goes on, and an imported event is not among the office's.
    upgraded.appendBatch([created('o-after-upgrade')], 'after');
    expect(raw.prepare(`SELECT count(*) FROM events WHERE ${NOT_MAIN_SYSTEM}`).pluck().get()).toBe(1);
    expect(upgraded.verify()).toMatchObject({ ok: true });
    raw.close();
    upgraded.close();
  });
});
