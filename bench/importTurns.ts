/**
 * How long the app's import holds the worker at a time: every stretch of work between two
 * turns it gives (a transaction, or upkeep taken as its own turn), on a journal of `--base`
 * events, importing `--more` new ones as a chosen file is imported in the app. After each turn
 * another window's request (a page of 200 orders) runs, as in bench/jobs.ts.
 *
 *   npx tsx bench/importTurns.ts [--base 300000] [--more 100000] [--dir /tmp/wl-turns]
 */
import { copyFileSync, createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Journal } from '../electron/journal/journal';
import { importFile, importStream } from '../electron/import/importFile';
import { generateEvents, writeNdjson } from '../electron/seed';
import { importWork } from '../electron/worker/importWork';
import type { JobContext } from '../electron/worker/ledgerJobs';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    more: { type: 'string' },
    dir: { type: 'string' },
    // The import as it was: batches of 1,000 lines, upkeep inside the commits.
    plain: { type: 'boolean' },
  },
});
const base = Number(values.base ?? 300_000);
const more = Number(values.more ?? 100_000);
const dir = values.dir ?? '/tmp/wl-turns';
mkdirSync(dir, { recursive: true });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(s.length * p) - 1)] ?? NaN;
};
const fmt = (xs: number[]) =>
  `n ${xs.length}, p50 ${pct(xs, 0.5).toFixed(1)}, p90 ${pct(xs, 0.9).toFixed(1)}, p99 ${pct(xs, 0.99).toFixed(1)}, max ${pct(xs, 1).toFixed(1)} ms`;

const baseDb = join(dir, `base-${base}.db`);
if (!existsSync(baseDb)) {
  const file = join(dir, `base-${base}.ndjson`);
  writeNdjson(file, generateEvents({ events: base, seed: 1 }));
  const j = Journal.open(baseDb);
  const t = performance.now();
  await importFile(j, file);
  j.close();
  rmSync(file);
  console.log(`base journal of ${base} events in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const moreFile = join(dir, `more-${more}.ndjson`);
if (!existsSync(moreFile)) {
  writeNdjson(
    moreFile,
    (function* () {
      for (const e of generateEvents({ events: more, seed: 7 })) {
        yield { ...e, eventId: `bench-more-${e.eventId}`, orderId: `M${e.orderId}` };
      }
    })(),
  );
}

const runDb = join(dir, 'run.db');
for (const f of [runDb, `${runDb}-wal`, `${runDb}-shm`]) rmSync(f, { force: true });
copyFileSync(baseDb, runDb);
const journal = Journal.open(runDb, { create: false });
journal.orders({ limit: 200 });
journal.statusCounts();

const stretches: number[] = [];
const fnTimes: number[] = [];
const commitTimes: number[] = [];
const together = journal.writeTogether.bind(journal);
journal.writeTogether = <T>(fn: () => T, what?: string): T => {
  let inner = 0;
  const t = performance.now();
  const result = together(() => {
    const s = performance.now();
    try {
      return fn();
    } finally {
      inner = performance.now() - s;
    }
  }, what);
  fnTimes.push(inner);
  commitTimes.push(performance.now() - t - inner);
  return result;
};
const requests: number[] = [];
let since = performance.now();
const abort = new AbortController();
const job: JobContext = {
  signal: abort.signal,
  progress: () => {},
  batchDone: () => {},
  yieldTurn: async () => {
    stretches.push(performance.now() - since);
    await new Promise((r) => setImmediate(r));
    const t = performance.now();
    journal.orders({ limit: 200 });
    requests.push(performance.now() - t);
    since = performance.now();
  },
};
const t0 = performance.now();
const input = { name: 'more.ndjson', size: statSync(moreFile).size, stream: createReadStream(moreFile) };
const report = values.plain
  ? await importStream(journal, input, { batchSize: 1000, turn: () => job.yieldTurn() })
  : await importWork.importFile(journal, input, job);
const total = performance.now() - t0;
stretches.push(performance.now() - since);
journal.close();
console.log(`imported ${report.accepted} of ${more} onto ${base} in ${(total / 1000).toFixed(1)} s`);
console.log(`stretches between turns: ${fmt(stretches)}`);
if (!values.plain) {
  console.log(`  even (transactions): ${fmt(stretches.filter((_, i) => i % 2 === 0))}`);
  console.log(`  odd (upkeep): ${fmt(stretches.filter((_, i) => i % 2 === 1))}`);
}
console.log(`  inside the transactions: ${fmt(fnTimes)}`);
console.log(`  their commits: ${fmt(commitTimes)}`);
console.log(`the window's orders page: ${fmt(requests)}`);
console.log(
  `worst stretches: ${[...stretches]
    .sort((a, b) => b - a)
    .slice(0, 8)
    .map((x) => x.toFixed(0))
    .join(', ')} ms`,
);
