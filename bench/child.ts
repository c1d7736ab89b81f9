/**
 * One measured job of `npm run bench`, run as a child process of its own so that its time and
 * peak memory are its own: the bare insert (the measuring stick) or the journal's import (what
 * `warehouse-ledger import` runs). It loads nothing else, so the import's peak RSS is what an
 * import costs, not what the bench's other tools (Chromium's driver) weigh.
 *
 *   node dist-node/bench-child.js bare|import FILE DB
 * prints {"ms","cpuMs","maxRssMb","rows"} as JSON on stdout.
 */
import Database from 'better-sqlite3';
import { importFile } from '../electron/import';
import { readLineChunks } from '../electron/import/lines';
import { Journal } from '../electron/journal';

export const BATCH = 10_000;

export interface ChildResult {
  ms: number;
  /** CPU time (user + system): steadier than wall time on a machine others are using. */
  cpuMs: number;
  maxRssMb: number;
  rows: number;
}

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
      const e = JSON.parse(line.text) as { eventId: string; orderId: string; type: string; timestamp: string };
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

async function importJournal(file: string, dbPath: string): Promise<number> {
  const journal = Journal.open(dbPath);
  try {
    return (await importFile(journal, file, { batchSize: BATCH })).accepted;
  } finally {
    journal.close();
  }
}

async function main(): Promise<void> {
  const [job, file, dbPath] = process.argv.slice(2);
  if ((job !== 'bare' && job !== 'import') || !file || !dbPath) {
    throw new Error('usage: bench-child.js bare|import FILE DB');
  }
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const rows = job === 'bare' ? await bareInsert(file, dbPath) : await importJournal(file, dbPath);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const result: ChildResult = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rows,
  };
  process.stdout.write(JSON.stringify(result));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 2;
});
