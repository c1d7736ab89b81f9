/**
 * One measured job of `npm run bench`, run as a child process of its own so that its time, peak
 * memory and disk writes are its own:
 *
 *   bare      the measuring stick of the import: one table, unique eventId, an index on orderId,
 *             10,000-row transactions, the NDJSON read and parsed
 *   floor     the absolute floor: one table, no secondary index, one transaction, JSON.parse of
 *             each line (what SQLite and V8 cannot go below)
 *   import    the journal's import (what `warehouse-ledger import` runs)
 *   hashscan  the measuring stick of verify: every row of the journal read and sha256-chained
 *             the way the chain hashes it, nothing else
 *   verify    the journal's verify (what `warehouse-ledger verify` runs, without the exports)
 *   parsescan the measuring stick of rebuild: every body of the bare table read and JSON-parsed
 *   rebuildread what rebuild reads alone: its columns of every event, a chunk at a time, the data
 *             parsed, in one thread; no replay, no writes
 *   rebuild   the journal's rebuild (what `warehouse-ledger rebuild` runs): every projection rewritten
 *
 * It loads nothing else, so the import's peak RSS is what an import costs, not what the bench's
 * other tools (Chromium's driver) weigh.
 *
 *   node dist-node/bench-child.js bare|floor|import FILE DB
 *   node dist-node/bench-child.js hashscan|verify|rebuild|rebuildread DB
 *   node dist-node/bench-child.js parsescan BARE_DB
 * prints a ChildResult as JSON on stdout.
 */
import Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importFile } from '../electron/import';
import { readLineChunks } from '../electron/import/lines';
import { Journal } from '../electron/journal';
import { GENESIS_HASH, hashedJson } from '../electron/journal/hash';
import { REBUILD_COLUMNS } from '../electron/journal/rebuild';
import { REPLAY_CHUNK } from '../electron/journal/replay';

export const BATCH = 10_000;

export const JOBS = ['bare', 'floor', 'import', 'hashscan', 'verify', 'parsescan', 'rebuild', 'rebuildread'] as const;
export type Job = (typeof JOBS)[number];

export interface ChildResult {
  ms: number;
  /** CPU time (user + system): steadier than wall time on a machine others are using. */
  cpuMs: number;
  maxRssMb: number;
  /** Rows written (bare, floor, import) or read (hashscan, verify, parsescan, rebuild). */
  rows: number;
  /** What the kernel counted of this process (/proc/self/io): bytes that reached the disk, and written at all. */
  writeBytes: number;
  wchar: number;
  /** verify only: what it found. */
  ok?: boolean;
}

type Parsed = { eventId: string; orderId: string; type: string; timestamp: string };

/** The measuring stick: one table, unique eventId, an index on orderId, 10,000-row transactions. */
async function bareInsert(file: string, dbPath: string): Promise<number> {
  const db = new Database(dbPath);
  // The journal's durability settings, so the comparison is of work, not of fsync policy.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.exec(`CREATE TABLE bare (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    order_id TEXT NOT NULL,
    type TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX bare_order ON bare(order_id);`);
  const insert = db.prepare('INSERT INTO bare(event_id, order_id, type, timestamp, body) VALUES (?, ?, ?, ?, ?)');
  const commit = db.transaction((rows: [string, string, string, string, string][]) => {
    for (const r of rows) insert.run(...r);
  });
  let rows: [string, string, string, string, string][] = [];
  let count = 0;
  for await (const chunk of readLineChunks(file)) {
    for (const line of chunk.lines) {
      if (line.text === '') continue;
      const e = JSON.parse(line.text) as Parsed;
      rows.push([e.eventId, e.orderId, e.type, e.timestamp, line.text]);
      if (rows.length >= BATCH) {
        commit(rows);
        count += rows.length;
        rows = [];
      }
    }
  }
  commit(rows);
  count += rows.length;
  db.close();
  return count;
}

/** The absolute floor: one table, no index but the rowid, one transaction, each line parsed. */
async function floorInsert(file: string, dbPath: string): Promise<number> {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE floor (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    type TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    body TEXT NOT NULL
  );`);
  const insert = db.prepare('INSERT INTO floor(event_id, order_id, type, timestamp, body) VALUES (?, ?, ?, ?, ?)');
  let count = 0;
  db.exec('BEGIN');
  for await (const chunk of readLineChunks(file)) {
    for (const line of chunk.lines) {
      if (line.text === '') continue;
      const e = JSON.parse(line.text) as Parsed;
      insert.run(e.eventId, e.orderId, e.type, e.timestamp, line.text);
      count += 1;
    }
  }
  db.exec('COMMIT');
  db.close();
  return count;
}

async function importJournal(file: string, dbPath: string): Promise<number> {
  const journal = Journal.open(dbPath);
  try {
    // The command line's defaults: its transactions are not the bare insert's 10,000 rows.
    return (await importFile(journal, file)).accepted;
  } finally {
    journal.close();
  }
}

/** Verify's measuring stick: every row read and chained with sha256 exactly as the chain is (no parse, no replay). */
function hashScan(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const rows = db
    .prepare(
      `SELECT seq, event_id, type, order_id, trace_id, initiator_id, initiator_name, initiator_role, timestamp,
         data, recorded_at, source, rule_set, hash FROM events ORDER BY seq`,
    )
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  let prev = GENESIS_HASH;
  let count = 0;
  for (const r of rows) {
    const name = r[6] as string | null;
    const trace = r[4] as string | null;
    const json = hashedJson(
      {
        seq: r[0] as number,
        eventId: r[1] as string,
        type: r[2] as string,
        orderId: r[3] as string,
        initiatedBy:
          name === null
            ? { id: r[5] as string, role: r[7] as string }
            : { id: r[5] as string, name, role: r[7] as string },
        timestamp: r[8] as string,
        data: undefined,
        recordedAt: r[10] as string,
        source: r[11] as string,
        ruleSet: r[12] as string,
        ...(trace === null ? {} : { traceId: trace }),
      },
      r[9] as string,
    );
    const h = hash('sha256', prev + json, 'hex');
    if (h !== r[13]) throw new Error(`the hash scan found seq ${String(r[0])} not matching its hash`);
    prev = h;
    count += 1;
  }
  db.close();
  return count;
}

function verifyJournalFile(dbPath: string): { rows: number; ok: boolean } {
  const journal = Journal.open(dbPath, { create: false });
  try {
    const report = journal.verify();
    return { rows: report.events, ok: report.ok };
  } finally {
    journal.close();
  }
}

/** Rebuild's measuring stick: every body of the bare table read and parsed, in seq order. */
function parseScan(bareDb: string): number {
  const db = new Database(bareDb, { readonly: true });
  let parsed = 0;
  for (const body of db.prepare('SELECT body FROM bare ORDER BY seq').pluck().iterate() as Iterable<string>) {
    if ((JSON.parse(body) as { eventId?: string }).eventId) parsed += 1;
  }
  db.close();
  return parsed;
}

/**
 * Rebuild's reading alone, as `ProjectionRebuild.readChunk` reads in one thread: the same
 * statement, chunk by chunk, row by row as arrays, the data parsed. A rebuild in one thread pays
 * this before it replays or writes anything.
 */
function rebuildRead(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const chunk = db.prepare(`SELECT ${REBUILD_COLUMNS} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`).raw();
  const dataAt = REBUILD_COLUMNS.split(', ').indexOf('data');
  let after = 0;
  let read = 0;
  for (;;) {
    let n = 0;
    for (const raw of chunk.iterate(after, REPLAY_CHUNK) as IterableIterator<unknown[]>) {
      if ((JSON.parse(raw[dataAt] as string) as object) !== null) n += 1;
      after = raw[0] as number;
    }
    read += n;
    if (n < REPLAY_CHUNK) break;
  }
  db.close();
  return read;
}

function rebuildJournalFile(dbPath: string): number {
  const journal = Journal.open(dbPath, { create: false });
  try {
    journal.rebuild();
    return journal.lastSeq();
  } finally {
    journal.close();
  }
}

/** This process's I/O as the kernel counted it (Linux); zeros elsewhere. */
function processIo(): { writeBytes: number; wchar: number } {
  try {
    const text = readFileSync('/proc/self/io', 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    return { writeBytes: field('write_bytes'), wchar: field('wchar') };
  } catch {
    return { writeBytes: 0, wchar: 0 };
  }
}

async function main(): Promise<void> {
  const [job, ...args] = process.argv.slice(2) as [Job, ...string[]];
  const needs = job === 'bare' || job === 'floor' || job === 'import' ? 2 : 1;
  if (!JOBS.includes(job) || args.length !== needs) {
    throw new Error(
      'usage: bench-child.js bare|floor|import FILE DB, hashscan|verify|rebuild|rebuildread DB, or parsescan BARE_DB',
    );
  }
  const ioStart = processIo();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let rows: number;
  let ok: boolean | undefined;
  if (job === 'bare') rows = await bareInsert(args[0]!, args[1]!);
  else if (job === 'floor') rows = await floorInsert(args[0]!, args[1]!);
  else if (job === 'import') rows = await importJournal(args[0]!, args[1]!);
  else if (job === 'hashscan') rows = hashScan(args[0]!);
  else if (job === 'parsescan') rows = parseScan(args[0]!);
  else if (job === 'rebuild') rows = rebuildJournalFile(args[0]!);
  else if (job === 'rebuildread') rows = rebuildRead(args[0]!);
  else ({ rows, ok } = verifyJournalFile(args[0]!));
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const io = processIo();
  const result: ChildResult = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rows,
    writeBytes: io.writeBytes - ioStart.writeBytes,
    wchar: io.wchar - ioStart.wchar,
    ...(ok === undefined ? {} : { ok }),
  };
  process.stdout.write(JSON.stringify(result));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 2;
});
