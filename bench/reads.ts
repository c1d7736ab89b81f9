/**
 * The bench's read side (issue "Costs that follow the work"): what the dashboard, the journal
 * filtered by a rare type, an order search that finds nothing and "status + has anomalies"
 * cost on the journal the bench imported, each as a p99 with its target and PASS/FAIL.
 *
 * Then the export: the whole journal once, 10,000 new events, and the incremental export of
 * those (its time per event beside the full export's, its rows beside what the range touched);
 * and the peak RSS of `orders --json` in a process of its own.
 *
 * Called once from bench/bench.ts with the open journal (after the corrections, so the journal
 * has office events to filter by). The export and `orders --json` run on a copy of the journal.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportBundle } from '../electron/export/exportBundle';
import { dashboardFigures } from '../electron/worker/handlers/dashboard';
import { Journal, type IncomingEvent } from '../electron/journal';
import { generateEvents } from '../electron/seed';

export interface ReadFigure {
  what: string;
  value: string;
  target: string;
  pass?: boolean;
}

const now = () => performance.now();

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? NaN;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Time `run` `n` times (after one warm-up): wall and CPU ms of each run. */
function time(n: number, run: (i: number) => unknown): Samples {
  run(-1);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage();
    const t = now();
    run(i);
    wall.push(now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall, cpu };
}

interface Samples {
  wall: number[];
  cpu: number[];
}

/** The p99 against its target, its median, and the p99 of CPU time (on a busy machine the wall p99 waits for a core). */
function figure(what: string, samples: Samples, targetMs: number): ReadFigure[] {
  const p = p99(samples.wall);
  return [
    { what: `${what}, p99`, value: `${p.toFixed(3)} ms`, target: `≤ ${targetMs} ms`, pass: p <= targetMs },
    {
      what: '  same',
      value: `p50 ${median(samples.wall).toFixed(3)} ms`,
      target: `CPU p99 ${p99(samples.cpu).toFixed(3)} ms`,
    },
  ];
}

export interface ReadsOptions {
  /** A scratch folder (the export's destination and key go under it). */
  dir: string;
  /** The command line's bundle (default: cli.js beside the running script, as in dist-node/). */
  cliPath?: string;
  log?: (text: string) => void;
}

export async function measureReads(journal: Journal, options: ReadsOptions): Promise<ReadFigure[]> {
  const log = options.log ?? (() => {});
  log('reads: dashboard, rare type, search with no match, status + has anomalies …');
  const figures: ReadFigure[] = [];
  const last = journal.lastSeq();

  // The dashboard page asks for its figures and the headline totals.
  figures.push(
    ...figure(
      'dashboard (figures + headline totals)',
      time(200, () => {
        dashboardFigures(journal);
        journal.anomalyTotals({ open: true });
      }),
      5,
    ),
  );
  const newest = journal.journalPage({}, undefined, 1)[0];
  if (newest) {
    const to = new Date(newest.timestamp);
    const from = new Date(to.getTime() - 30 * 86_400_000);
    figures.push(
      ...figure(
        'dashboard over 30 days',
        time(200, () => dashboardFigures(journal, { from: from.toISOString(), to: to.toISOString() })),
        5,
      ),
    );
  }

  // A rare type: the office's corrections among the main system's events, first page and deeper.
  let pick = 12345;
  const next = (n: number) => {
    pick = (pick * 1103515245 + 12345) % 2 ** 31;
    return pick % n;
  };
  figures.push(
    ...figure(
      'journal filtered by a rare type (StatusCorrected), 200 rows',
      time(200, (i) => journal.journalPage({ types: ['StatusCorrected'] }, i % 2 ? 2 + next(last) : undefined, 200)),
      10,
    ),
  );

  // The Orders page: its list, its count and its status chips, for a search nothing matches.
  const ordersPage = (query: { search?: string; status?: string; withAnomalies?: boolean }) => {
    journal.orders({ ...query, limit: 200 });
    journal.countOrders(query);
    journal.statusCountsOf(query);
  };
  figures.push(
    ...figure(
      'order search with no match (list, count, chips)',
      time(200, (i) => ordersPage({ search: `zqxj${i % 10}vw` })),
      10,
    ),
  );
  const statuses = Object.keys(journal.statusCounts());
  figures.push(
    ...figure(
      'status + has anomalies (list, count, chips)',
      time(200, (i) => ordersPage({ status: statuses[Math.max(0, i) % statuses.length]!, withAnomalies: true })),
      10,
    ),
  );

  // The export advances the journal's cursor (for good: the export log is append-only) and adds
  // events, so it runs on a copy, and the rest of the bench finds the journal as it was.
  const copy = copyJournal(journal, options.dir);
  try {
    figures.push(...(await measureExport(copy, options, log)));
    figures.push(...measureOrdersJson(copy, options, log));
  } finally {
    copy.close();
  }
  return figures;
}

/** 10,000 events of new orders, after the journal's newest: a later stretch of the same warehouse. */
function newEvents(journal: Journal, count: number): IncomingEvent[] {
  const newest = journal.journalPage({}, undefined, 1)[0];
  const after = newest ? Date.parse(newest.timestamp) + 3_600_000 : Date.now();
  const out: IncomingEvent[] = [];
  let shift: number | undefined;
  for (const e of generateEvents({ events: count, seed: 99 })) {
    const instant = Date.parse(e.timestamp);
    shift ??= after - instant;
    const timestamp = new Date(instant + shift).toISOString();
    out.push({
      event: { ...e, eventId: `bench-new-${e.eventId}`, orderId: `N${e.orderId}`, timestamp },
      instant: instant + shift,
    });
  }
  return out;
}

/** A copy of the (idle) journal's file and its WAL, opened. */
function copyJournal(journal: Journal, dir: string): Journal {
  const file = join(dir, 'reads-copy.db');
  for (const suffix of ['', '-wal']) {
    rmSync(file + suffix, { force: true });
    if (existsSync(journal.path + suffix)) copyFileSync(journal.path + suffix, file + suffix);
  }
  return Journal.open(file, { create: false });
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function measureExport(journal: Journal, options: ReadsOptions, log: (text: string) => void) {
  const destination = join(options.dir, 'reads-export');
  const keyDir = join(options.dir, 'reads-export-key');
  // A kept --dir may hold the bundles of another run's journal: the export would rightly refuse them.
  for (const d of [destination, keyDir]) rmSync(d, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  // The export's own work: the verify it runs before signing replays the whole journal and is
  // measured by verify's own row, so it is left out here.
  const exportOptions = {
    destination,
    workstation: 'BENCH',
    keyDir,
    verifyJournal: () => Promise.resolve({ ok: true, events: journal.lastSeq(), firstBadSeq: null, problem: null }),
  };
  log('reads: export of the whole journal, then of 10,000 new events …');
  let t = now();
  const full = await exportBundle(journal, exportOptions);
  const fullMs = now() - t;
  const added = newEvents(journal, 10_000);
  for (let i = 0; i < added.length; i += 5000) journal.appendBatch(added.slice(i, i + 5000), 'bench-new');
  const touched = new Set(added.map((e) => e.event.orderId)).size;
  t = now();
  const inc = await exportBundle(journal, exportOptions);
  const incMs = now() - t;
  const bundle = join(destination, inc.bundle!);
  const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as {
    counts: { orders: number; anomalies: number };
  };
  const perEventFull = fullMs / full.events;
  const perEventInc = incMs / inc.events;
  const bytes = folderBytes(bundle);
  const eventBytes = statSync(join(bundle, 'events.ndjson.gz')).size;
  return [
    {
      what: `export of the whole journal (${full.events} events)`,
      value: `${(fullMs / 1000).toFixed(2)} s, ${(folderBytes(join(destination, full.bundle!)) / 1e6).toFixed(1)} MB`,
      target: '(the verify before signing not counted)',
    },
    {
      what: `incremental export of ${inc.events} events`,
      value: `${(incMs / 1000).toFixed(2)} s, ${(bytes / 1e6).toFixed(2)} MB`,
      target: `${(perEventInc / perEventFull).toFixed(2)}× the whole export's time per event (fsyncs and key: fixed)`,
    },
    {
      what: '  its bundle ÷ its events file',
      value: (bytes / eventBytes).toFixed(2),
      target: '≤ 1.5 (∝ the new events)',
      pass: bytes / eventBytes <= 1.5,
    },
    {
      what: '  its orders rows / orders the range touched',
      value: `${manifest.counts.orders} / ${touched}`,
      target: '≤ those touched',
      pass: manifest.counts.orders <= touched,
    },
    { what: '  its anomalies rows', value: String(manifest.counts.anomalies), target: '' },
  ];
}

function measureOrdersJson(journal: Journal, options: ReadsOptions, log: (text: string) => void): ReadFigure[] {
  const cli = options.cliPath ?? join(dirname(process.argv[1]!), 'cli.js');
  log('reads: orders --json in a process of its own …');
  const report = "process.on('exit', () => process.stderr.write('maxRSS ' + process.resourceUsage().maxRSS + '\\n'))";
  const r = spawnSync(
    process.execPath,
    ['-e', `${report}; import(${JSON.stringify(cli)})`, '--', 'cli', 'orders', '--db', journal.path, '--json'],
    { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const kb = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1]);
  if (r.status !== 0 || !Number.isFinite(kb)) {
    return [{ what: 'orders --json peak RSS', value: 'failed', target: r.stderr.slice(0, 200), pass: false }];
  }
  const mb = kb / 1024;
  return [
    {
      what: `orders --json peak RSS (${journal.countOrders()} orders)`,
      value: `${mb.toFixed(0)} MB`,
      target: '≤ 300 MB',
      pass: mb <= 300,
    },
  ];
}
