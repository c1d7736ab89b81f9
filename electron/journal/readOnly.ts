/**
 * A journal on storage this account cannot write (a read-only share, a copy received on a
 * read-only medium, a file whose folder is not ours) can still be read and verified: reading must
 * work. SQLite opens a read-only file for reading by itself; what it cannot do is read a WAL-mode
 * journal in a folder where it may not create the `-shm` index. Then, when no `-wal` file holds
 * transactions the main file lacks, the journal is read from a snapshot copy in the temp folder.
 * Writing to it is refused, saying the journal is read-only (./storage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** better-sqlite3's error when the file or its folder cannot be written, or the file opened at all. */
export function isReadOnlyStorage(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN');
}

/** Whether a `-wal` file beside the journal holds transactions not yet in the main file. */
export function hasPendingWal(journalPath: string): boolean {
  try {
    return fs.statSync(`${journalPath}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** A copy of the journal in a private temp folder, and how to remove it once the journal is closed. */
export function snapshotCopy(journalPath: string): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-read-only-'));
  const file = path.join(dir, path.basename(journalPath));
  fs.copyFileSync(journalPath, file);
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
