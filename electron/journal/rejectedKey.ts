/**
 * A refused line is known by what it is (its line number and its text), not by the path it was
 * read from: importing the same file again — under another spelling of its path, through a link,
 * from an upload — keeps none of its refused lines twice (handbook §2: importing the same file
 * twice changes nothing). The journal stores the key with each refused line and keeps one row per
 * key; a line fixed since stays fixed and is not kept again either.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** The key of a refused line: sha256 of its number and its text as kept. */
export function rejectedLineKey(line: number, raw: string): string {
  return createHash('sha256').update(`${line}\n${raw}`).digest('hex');
}

/**
 * Migration: the key column and its unique index. Rows kept twice before (each import of the
 * same file added its refused lines again) stay, nothing recorded is dropped; the oldest of each
 * gets the key, so the office still sees them all and no new copy is added.
 */
export function addRejectedLineKeys(db: Database.Database): void {
  db.exec('ALTER TABLE rejected_lines ADD COLUMN line_key TEXT');
  const rows = db.prepare('SELECT id, line, raw FROM rejected_lines ORDER BY id').all() as {
    id: number;
    line: number;
    raw: string;
  }[];
  const seen = new Set<string>();
  const setKey = db.prepare('UPDATE rejected_lines SET line_key = ? WHERE id = ?');
  for (const r of rows) {
    const key = rejectedLineKey(r.line, r.raw);
    if (seen.has(key)) continue;
    seen.add(key);
    setKey.run(key, r.id);
  }
  db.exec('CREATE UNIQUE INDEX rejected_by_key ON rejected_lines(line_key)');
}
