/**
 * The bench's read side (issue "Costs that follow the work"): what the dashboard, the journal
 * filtered by a rare type, an order search that finds nothing and "status + has anomalies"
 * cost on the journal the bench imported, each as a p99 with its target and PASS/FAIL.
 *
 * Called once from bench/bench.ts with the open journal (after the corrections, so the journal
 * has office events to filter by).
 */
import { dashboardFigures } from '../electron/ipc/dashboard';
import type { Journal } from '../electron/journal';

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
  return figures;
}
