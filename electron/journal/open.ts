/**
 * Opening a journal file: refuse what this version cannot read before touching it, then set the
 * pragmas of an audit ledger and bring an older schema up to date in one transaction.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { BUILTIN_RULE_SETS, DEFAULT_RULE_SET } from '../../shared/rules/builtin';
import { migrate, SCHEMA_VERSION } from './migrations';
import { hasPendingWal, isReadOnlyStorage, snapshotCopy } from './readOnly';
import { registerSearchFunction } from './search';
import { registerEventKeyFunction } from './eventKey';
import { ruleSetKey, RuleSetStore } from './ruleSets';
import { JournalRefusal, type JournalKind, type OpenOptions } from './types';

/**
 * WAL pages between automatic checkpoints (SQLite's default is 1,000). An import rewrites the
 * same index and projection pages batch after batch; a checkpoint copies each page once however
 * often it changed since the last, so checkpointing ten times less often saves most of that
 * copying (a tenth of an import's time), for a WAL file of at most about 40 MB.
 */
export const WAL_CHECKPOINT_PAGES = 10_000;

export interface OpenedDatabase {
  db: Database.Database;
  kind: JournalKind;
  /** Set when the journal could only be opened for reading (its file or folder is read-only). */
  readOnly?: true;
  /** What to remove once the connection is closed (a read-only journal's snapshot copy). */
  cleanup?: () => void;
}

/**
 * Open the journal at `path`. One on storage this account cannot write is opened for reading
 * (./readOnly): browsing and verify work, a write is refused saying why.
 */
export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  try {
    return openConnection(path, options);
  } catch (err) {
    if (options.readonly || path === ':memory:' || !isReadOnlyStorage(err) || !isFile(path)) throw err;
    return openForReading(path, options);
  }
}

function isFile(path: string): boolean {
  try {
    return fs.statSync(path).isFile();
  } catch {
    return false;
  }
}

function openForReading(path: string, options: OpenOptions): OpenedDatabase {
  const readOnly = { ...options, readonly: true };
  try {
    return { ...openConnection(path, readOnly), readOnly: true };
  } catch (err) {
    if (!isReadOnlyStorage(err) || hasPendingWal(path)) throw err;
  }
  const copy = snapshotCopy(path);
  try {
    return { ...openConnection(copy.file, readOnly, path), readOnly: true, cleanup: copy.remove };
  } catch (err) {
    copy.remove();
    throw err;
  }
}

/** The driver's native binding each connection was opened with, when not the default (Electron's build). */
const BINDINGS = new WeakMap<Database.Database, string>();

/** Whether `db` is a journal in memory: no file another connection (or thread) could open. */
export function inMemory(db: Database.Database): boolean {
  return db.memory || db.name === '' || db.name === ':memory:';
}

/** The native binding `db` was opened with (undefined: the default), for another connection to the same file in another thread. */
export function nativeBindingOf(db: Database.Database): string | undefined {
  return BINDINGS.get(db);
}

function openConnection(
  path: string,
  options: OpenOptions,
  /** The journal's own path, for messages, when `path` is a snapshot copy of it. */
  shownAs: string = path,
): { db: Database.Database; kind: JournalKind } {
  const create = (options.create ?? true) && !options.readonly;
  const inMemory = path === ':memory:';
  if (!inMemory && !fs.existsSync(path) && !create) {
    throw new JournalRefusal('not-found', `no journal at ${path}`);
  }
  const settings: Database.Options = { readonly: options.readonly ?? false, fileMustExist: !create };
  if (options.nativeBinding) settings.nativeBinding = options.nativeBinding;
  const db = new Database(path, settings);
  if (options.nativeBinding) BINDINGS.set(db, options.nativeBinding);
  try {
    // The search index's text, callable from SQL (the migration and a rebuild fill the index with it).
    registerSearchFunction(db);
    registerEventKeyFunction(db);
    // Read the version before any pragma: WAL mode alone would rewrite the file's header, and a
    // journal from a newer ledger must be left exactly as it was.
    const version = userVersion(db);
    // Per connection, nothing written. An import inserts into several B-trees at random places
    // (the eventId index, the order index, the orders projection): with SQLite's default 2 MB
    // page cache they thrash. 32 MB holds their hot pages (64 MB imports no faster) and keeps an
    // import of a million events well inside its 300 MB.
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32768');
    refuseUnreadable(db, shownAs, version);
    if (options.readonly) {
      if (version < SCHEMA_VERSION) {
        throw new JournalRefusal(
          'refused',
          `${shownAs} is a journal of version ${version} and needs upgrading to version ${SCHEMA_VERSION}: open it once for writing`,
        );
      }
    } else {
      if (!inMemory) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
      if (version < SCHEMA_VERSION) {
        db.transaction(() => {
          // Another process may have upgraded it between our first look and taking the lock.
          const now = userVersion(db);
          refuseUnreadable(db, path, now);
          if (now === SCHEMA_VERSION) return;
          migrate(db, now);
          if (now === 0) initialise(db, options.kind ?? 'real');
        }).immediate();
      }
    }
    db.pragma('foreign_keys = ON');
    const kind = (db.prepare("SELECT value FROM meta WHERE key = 'kind'").pluck().get() ?? 'real') as JournalKind;
    return { db, kind };
  } catch (err) {
    db.close();
    throw err;
  }
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refuseUnreadable(db: Database.Database, path: string, version: number): void {
  if (version > SCHEMA_VERSION) {
    throw new JournalRefusal(
      'refused',
      `${path} was written by a newer Warehouse Ledger (journal version ${version}; this one knows up to version ${SCHEMA_VERSION}). ` +
        'It was left untouched: open it with that newer version.',
    );
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number;
    if (tables > 0) {
      throw new JournalRefusal(
        'refused',
        `${path} is an SQLite file but not a Warehouse Ledger journal; it was left untouched`,
      );
    }
  }
}

/** A new journal: its kind, and the floor rules in force (the 1998 handbook stored beside them). Exported for
 * the upgrade tests, which make a journal as an older version did. */
export function initialise(db: Database.Database, kind: JournalKind): void {
  if (kind !== 'real' && kind !== 'training') {
    throw new JournalRefusal('invalid', `journal kind must be "real" or "training" (got ${JSON.stringify(kind)})`);
  }
  const now = new Date().toISOString();
  const meta = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
  meta.run('kind', kind);
  meta.run('created_at', now);
  const store = new RuleSetStore(db);
  for (const rs of BUILTIN_RULE_SETS) store.store(rs, now);
  store.activate(ruleSetKey(DEFAULT_RULE_SET), null, now);
}
