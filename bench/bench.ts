/**
 * `npm run bench`: the speed and memory targets of the journal engine, measured as ratios within one run on
 * this machine. Generates a realistic history (default 1,000,000 events) as NDJSON, then:
 *
 *   import ÷ bare insert      ≤ 2    the real importFile vs a bare better-sqlite3 insert of the same rows
 *   peak RSS of the import    ≤ 300 MB
 *   rebuild ÷ bare scan       ≤ 2    rebuild vs reading and parsing every stored event
 *   history p99               ≤ 1 ms one random order
 *   journal page p99          ≤ 5 ms 200 rows at a random position (keyset)
 *   one order as of, p99      ≤ 5 ms its state and history at a random journal position
 *   orders list as of         ≤ 3 s  the whole list at a position (worst of 4 across the journal)
 *   correction p99            ≤ 5 ms one StatusCorrected appended with synchronous=FULL
 *   corporate receive ÷ COPY  ≤ 2    the journal as one bundle into PostgreSQL vs a bare COPY (bench/corporate.ts)
 *
 * The bare insert and the import each run in a child process (bench/child.ts), so their memory is
 * their own and neither warms the other's caches. Always exits 0: it is a report, read the PASS/FAIL column.
 *
 *   node dist-node/bench.js [--events N] [--keep] [--dir DIR] [--json]
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Journal } from '../electron/journal';
import { generateEvents, Random, writeNdjson } from '../electron/seed';
import type { ChildResult } from './child';
import { measureCorporateReceive } from './corporate';
import { measureJournalView, uiUnavailable } from './ui';
import { measureReads } from './reads';

const now = () => performance.now();

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)] ?? NaN;
}
const p99 = (samples: number[]) => percentile(samples, 0.99);
/** "p50 0.120 ms": the typical case beside the tail, to tell a slow path from a slow disk. */
const median = (samples: number[]) => `p50 ${percentile(samples, 0.5).toFixed(3)} ms`;

/** Run one measured job in a child process of its own (bench/child.ts), so its memory is its own. */
function runChild(job: 'bare' | 'import', file: string, dbPath: string): ChildResult {
  const script = join(dirname(process.argv[1]!), 'bench-child.js');
  const r = spawnSync(process.execPath, [script, job, file, dbPath], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`the ${job} child failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

interface Figure {
  what: string;
  value: string;
  target: string;
  pass?: boolean;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      dir: { type: 'string' },
      keep: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: false,
  });
  const events = values.events === undefined ? 1_000_000 : Number(String(values.events).replace(/_/g, ''));
  if (!Number.isInteger(events) || events < 1000) throw new Error(`--events must be a whole number ≥ 1000`);
  const dir = typeof values.dir === 'string' ? values.dir : mkdtempSync(join(tmpdir(), 'wl-bench-'));
  mkdirSync(dir, { recursive: true });
  const log = (text: string) => process.stderr.write(`${text}\n`);
  const figures: Figure[] = [];

  try {
    const file = join(dir, `history-${events}.ndjson`);
    let t = now();
    const written = writeNdjson(file, generateEvents({ events, seed: 1 }));
    const bytes = statSync(file).size;
    log(`generated ${written} events (${(bytes / 1e6).toFixed(0)} MB) in ${((now() - t) / 1000).toFixed(1)} s`);

    const bareDb = join(dir, 'bare.db');
    const journalDb = join(dir, 'journal.db');
    rmSync(bareDb, { force: true });
    rmSync(journalDb, { force: true });
    log('bare insert …');
    const bare = runChild('bare', file, bareDb);
    log(`  ${(bare.ms / 1000).toFixed(1)} s`);
    log('import …');
    const imported = runChild('import', file, journalDb);
    log(`  ${(imported.ms / 1000).toFixed(1)} s`);
    if (imported.rows !== written) throw new Error(`the import recorded ${imported.rows} of ${written} events`);
    const importRatio = imported.ms / bare.ms;
    figures.push(
      {
        what: 'bare insert',
        value: `${(bare.ms / 1000).toFixed(1)} s (${Math.round(written / (bare.ms / 1000))} ev/s)`,
        target: '',
      },
      {
        what: 'import (importFile)',
        value: `${(imported.ms / 1000).toFixed(1)} s (${Math.round(written / (imported.ms / 1000))} ev/s)`,
        target: '',
      },
      { what: 'import ÷ bare insert', value: importRatio.toFixed(2), target: '≤ 2', pass: importRatio <= 2 },
      {
        what: '  same, CPU time only',
        value: (imported.cpuMs / bare.cpuMs).toFixed(2),
        target: '(for a busy machine)',
      },
      {
        what: 'peak RSS during import',
        value: `${imported.maxRssMb.toFixed(0)} MB`,
        target: '≤ 300 MB',
        pass: imported.maxRssMb <= 300,
      },
    );

    // Reads and rebuild, in this process, on the journal just imported.
    const bareRead = new Database(bareDb, { readonly: true });
    log('bare scan …');
    t = now();
    let parsed = 0;
    for (const body of bareRead.prepare('SELECT body FROM bare ORDER BY seq').pluck().iterate() as Iterable<string>) {
      if ((JSON.parse(body) as { eventId?: string }).eventId) parsed += 1;
    }
    const scanMs = now() - t;
    const orderIds = bareRead.prepare('SELECT DISTINCT order_id FROM bare').pluck().all() as string[];
    bareRead.close();
    if (parsed !== written) throw new Error(`the bare scan parsed ${parsed} of ${written} events`);

    const journal = Journal.open(journalDb, { create: false });
    try {
      log('rebuild …');
      t = now();
      journal.rebuild();
      const rebuildMs = now() - t;
      const rebuildRatio = rebuildMs / scanMs;
      figures.push(
        { what: 'bare scan (parse every event)', value: `${(scanMs / 1000).toFixed(1)} s`, target: '' },
        { what: 'rebuild', value: `${(rebuildMs / 1000).toFixed(1)} s`, target: '' },
        { what: 'rebuild ÷ bare scan', value: rebuildRatio.toFixed(2), target: '≤ 2', pass: rebuildRatio <= 2 },
      );

      const random = new Random(7);
      log('history, pages, corrections …');
      const history: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const id = random.pick(orderIds);
        t = now();
        journal.history(id);
        history.push(now() - t);
      }
      const historyP99 = p99(history);
      figures.push({
        what: 'history of one order, p99',
        value: `${historyP99.toFixed(3)} ms`,
        target: '≤ 1 ms',
        pass: historyP99 <= 1,
      });
      figures.push({ what: '  same', value: median(history), target: '' });

      const last = journal.lastSeq();
      const pages: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const before = random.int(2, last + 1);
        t = now();
        journal.journalPage({}, before, 200);
        pages.push(now() - t);
      }
      const pageP99 = p99(pages);
      figures.push({
        what: '200-row journal page, p99',
        value: `${pageP99.toFixed(3)} ms`,
        target: '≤ 5 ms',
        pass: pageP99 <= 5,
      });
      figures.push({ what: '  same', value: median(pages), target: '' });

      // The journal as it stood: one order (its state and its history) at a random position, and
      // the whole orders list at a few positions across the journal.
      const pastOrder: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const id = random.pick(orderIds);
        const at = random.int(0, last);
        t = now();
        journal.orderAsOf(id, at);
        journal.historyAsOf(id, at);
        pastOrder.push(now() - t);
      }
      const pastOrderP99 = p99(pastOrder);
      figures.push({
        what: 'one order as of a random position, p99',
        value: `${pastOrderP99.toFixed(3)} ms`,
        target: '≤ 5 ms',
        pass: pastOrderP99 <= 5,
      });
      figures.push({ what: '  same', value: median(pastOrder), target: '' });
      let pastListWorst = 0;
      for (const at of [0.25, 0.5, 0.75, 0.99].map((f) => Math.max(1, Math.floor(last * f)))) {
        t = now();
        journal.ordersAsOf(at);
        pastListWorst = Math.max(pastListWorst, now() - t);
      }
      figures.push({
        what: 'orders list as of a position (worst of 4)',
        value: `${(pastListWorst / 1000).toFixed(2)} s`,
        target: '≤ 3 s',
        pass: pastListWorst <= 3000,
      });

      journal.addOperator({
        id: 'bench-sup',
        name: 'Bench Supervisor',
        role: 'Supervisor',
        password: 'bench password',
      });
      const corrections: number[] = [];
      const statuses = ['Packed', 'OnHold', 'Picked', 'Shipped'];
      for (let i = 0; i < 300; i++) {
        const order = journal.order(random.pick(orderIds));
        if (!order?.created) continue;
        const status = statuses.find((s) => s !== order.status)!;
        t = now();
        journal.correct({
          orderId: order.orderId,
          status,
          reason: 'bench: how long one correction takes to be durable',
          operatorId: 'bench-sup',
          expectedSeq: order.lastSeq,
        });
        corrections.push(now() - t);
      }
      const correctionP99 = p99(corrections);
      figures.push({
        what: 'one correction (synchronous=FULL), p99',
        value: `${correctionP99.toFixed(3)} ms`,
        target: '≤ 5 ms',
        pass: correctionP99 <= 5,
      });
      figures.push({ what: '  same', value: median(corrections), target: '' });
      // The disk's floor: one bare row committed with synchronous=FULL (WAL), as often.
      const floor = new Database(bareDb);
      floor.pragma('journal_mode = WAL');
      floor.pragma('synchronous = FULL');
      const one = floor.prepare('INSERT INTO bare(event_id, order_id, type, timestamp, body) VALUES (?, ?, ?, ?, ?)');
      const commits: number[] = [];
      for (let i = 0; i < corrections.length; i++) {
        t = now();
        one.run(`bench-floor-${i}`, 'bench', 'StatusCorrected', '', '{}');
        commits.push(now() - t);
      }
      floor.close();
      figures.push({
        what: '  bare one-row commit (the disk), p99',
        value: `${p99(commits).toFixed(3)} ms`,
        target: `${median(commits)}`,
      });
      figures.push(...(await measureReads(journal, { dir, log })));
    } finally {
      journal.close();
    }

    figures.push(...(await measureCorporateReceive(journalDb, dir, log)));

    // The journal view on the same 1M-event journal, in Chromium through the browser host.
    const unavailable = uiUnavailable();
    if (unavailable) {
      figures.push({ what: 'journal view (Chromium)', value: 'skipped', target: unavailable });
    } else {
      log('journal view in Chromium …');
      const ui = await measureJournalView(journalDb, { id: 'bench-sup', password: 'bench password' });
      const firstRows = Math.max(...ui.firstRowsMs);
      figures.push(
        {
          what: 'journal view: first rows after navigation (worst of 5)',
          value: `${firstRows.toFixed(0)} ms`,
          target: '≤ 300 ms',
          pass: firstRows <= 300,
        },
        {
          what: 'journal view: frames a second while scrolling',
          value: ui.framesPerSecond.toFixed(0),
          target: '≥ 50 (software rendering)',
          pass: ui.framesPerSecond >= 50,
        },
      );
    }

    if (values.json) process.stdout.write(`${JSON.stringify({ events: written, figures }, null, 2)}\n`);
    else printTable(written, figures);
  } finally {
    if (!values.keep && typeof values.dir !== 'string') rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(events: number, figures: Figure[]): void {
  const w = [0, 0, 0];
  for (const f of figures) {
    w[0] = Math.max(w[0]!, f.what.length);
    w[1] = Math.max(w[1]!, f.value.length);
    w[2] = Math.max(w[2]!, f.target.length);
  }
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`\nWarehouse Ledger bench — ${events.toLocaleString('en-US')} events, Node ${process.version}\n`);
  for (const f of figures) {
    const verdict = f.pass === undefined ? '' : f.pass ? 'PASS' : 'FAIL';
    out(`  ${f.what.padEnd(w[0]!)}  ${f.value.padStart(w[1]!)}  ${f.target.padEnd(w[2]!)}  ${verdict}`.trimEnd());
  }
  const failed = figures.filter((f) => f.pass === false).length;
  out(failed === 0 ? '\nevery target met' : `\n${failed} target${failed > 1 ? 's' : ''} missed (see FAIL above)`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 2;
});
