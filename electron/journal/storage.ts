/**
 * When the storage under the journal fails a write: say so in the office's words, and what was
 * not recorded, instead of "cannot be read (SQLITE_FULL)" or "Something went wrong". Each write is
 * one transaction, so a failed one recorded nothing of itself; what earlier writes recorded stays.
 */
import { JournalRefusal } from './types';

export type StorageProblem = 'disk-full' | 'read-only' | 'disk-error' | 'busy';

const PROBLEMS: readonly { test: (code: string) => boolean; problem: StorageProblem; says: string; then: string }[] = [
  {
    test: (c) => c === 'SQLITE_FULL',
    problem: 'disk-full',
    says: 'the disk holding the journal is full',
    then: 'free some space on it and try again',
  },
  {
    test: (c) => c.startsWith('SQLITE_READONLY'),
    problem: 'read-only',
    says: 'the journal is read-only here (its file or folder cannot be written by this account)',
    then: 'it can be read and verified; to write, open a copy that can be written',
  },
  {
    test: (c) => c.startsWith('SQLITE_IOERR'),
    problem: 'disk-error',
    says: 'the disk holding the journal reported an error while writing',
    then: 'check the disk, then run verify and try again',
  },
  {
    test: (c) => c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED'),
    problem: 'busy',
    says: 'another program kept the journal locked for writing',
    then: 'try again when it is done',
  },
];

/** A write the journal's storage refused; `message` says what happened and that this write recorded nothing. */
export class JournalStorageError extends JournalRefusal {
  constructor(
    readonly problem: StorageProblem,
    /** What happened, without what was not recorded (for callers that say that themselves). */
    readonly says: string,
    /** What to do about it. */
    readonly then: string,
    what: string,
  ) {
    super('refused', `${capitalised(says)}: ${what} was not recorded; ${then}.`);
    this.name = 'JournalStorageError';
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `err` as a JournalStorageError when it is SQLite reporting a storage failure, else `err` itself. */
export function asStorageError(err: unknown, what: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err;
  const match = PROBLEMS.find((p) => p.test(code));
  return match ? new JournalStorageError(match.problem, match.says, match.then, what) : err;
}
