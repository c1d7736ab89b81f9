/**
 * Long jobs and the windows' responsiveness, through the journal worker the app runs (the same
 * thread, handlers and IPC messages as Electron and the browser host):
 *
 *   observed-transitions matrix      ≤ 5 s   at the bench's size, nothing else asking
 *   rule preview, 1998 handbook      ≤ 5 s
 *   another window while the matrix runs, p99      ≤ 100 ms   the orders page, and the dashboard
 *   another window while an import runs, p99       ≤ 100 ms   the same requests
 *
 * "Another window" is a second session calling `listOrders` (a page of 200) and `dashboard` one
 * after the other, back to back, for as long as the job runs; each sample is the round trip of
 * one call, and the two channels are reported apart (the dashboard's own cost is not waiting).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { JournalWorkerClient, type CallResult } from '../electron/worker/client';
import { generateEvents, writeNdjson } from '../electron/seed';
import { HANDBOOK_1998 } from '../shared/rules/builtin';
import { statSync } from 'node:fs';

export interface JobsFigure {
  what: string;
  value: string;
  target: string;
  pass?: boolean;
}

const now = () => performance.now();

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)] ?? NaN;
}

function answer<T>(r: CallResult, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.code}: ${r.error.message}`);
  return r.response as T;
}

interface Latencies {
  orders: number[];
  dashboard: number[];
  /** Wall time of the job the requests ran beside. */
  jobMs: number;
}

/**
 * Run `job` (resolves when the job is finished) while another session calls the orders page
 * and the dashboard back to back; their round trips are the samples.
 */
async function besideJob(client: JournalWorkerClient, window: string, job: () => Promise<void>): Promise<Latencies> {
  const orders: number[] = [];
  const dashboard: number[] = [];
  let running = true;
  const other = (async () => {
    for (let i = 0; running; i++) {
      const t = now();
      const ordersPage = i % 2 === 0;
      const r = ordersPage
        ? await client.call('listOrders', { limit: 200 }, window)
        : await client.call('dashboard', {}, window);
      (ordersPage ? orders : dashboard).push(now() - t);
      answer(r, 'another window');
    }
  })();
  const t = now();
  try {
    await job();
  } finally {
    running = false;
  }
  const jobMs = now() - t;
  await other;
  return { orders, dashboard, jobMs };
}

/** Poll a rule job's result channel until it is done; the job's own progress comes as pushes. */
async function untilDone(client: JournalWorkerClient, session: string, channel: string, jobId: string): Promise<void> {
  for (;;) {
    const s = answer<{ state: string; error: string | null }>(await client.call(channel, { jobId }, session), channel);
    if (s.state === 'failed') throw new Error(`${channel}: ${s.error}`);
    if (s.state === 'done') return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function measureJobs(
  journalDb: string,
  operator: { id: string; password: string },
  options: { importEvents: number; log: (text: string) => void },
): Promise<JobsFigure[]> {
  const { log } = options;
  const figures: JobsFigure[] = [];
  const client = await JournalWorkerClient.start({ journalPath: journalDb, settingsFile: null });
  const scratch = mkdtempSync(join(tmpdir(), 'wl-bench-jobs-'));
  try {
    const job = 'bench-job-window';
    const window = 'bench-other-window';
    for (const s of [job, window]) {
      answer(await client.call('signIn', { operatorId: operator.id, password: operator.password }, s), 'signIn');
    }
    // Warm the other window's requests once, so the first sample is not the statements' preparation.
    answer(await client.call('listOrders', { limit: 200 }, window), 'listOrders');
    answer(await client.call('dashboard', {}, window), 'dashboard');

    const runMatrix = async () => {
      const { jobId } = answer<{ jobId: string }>(
        await client.call('startObservedTransitions', {}, job),
        'startObservedTransitions',
      );
      await untilDone(client, job, 'observedTransitionsResult', jobId);
    };
    const runPreview = async () => {
      const { jobId } = answer<{ jobId: string }>(
        await client.call('startRulePreview', { ruleSet: HANDBOOK_1998 }, job),
        'startRulePreview',
      );
      await untilDone(client, job, 'previewResult', jobId);
    };
    const timed = async (run: () => Promise<void>) => {
      const t = now();
      await run();
      return now() - t;
    };
    log('observed transitions …');
    const matrixMs = await timed(runMatrix);
    log('rule preview (1998 handbook) …');
    const previewMs = await timed(runPreview);
    log('observed transitions again, while another window asks …');
    const matrix = await besideJob(client, window, runMatrix);

    // New orders and events (ids of their own), imported as a window would: a chosen file.
    const file = join(scratch, 'more.ndjson');
    writeNdjson(
      file,
      (function* () {
        for (const e of generateEvents({ events: options.importEvents, seed: 7 })) {
          yield { ...e, eventId: `bench-more-${e.eventId}`, orderId: `M${e.orderId}` };
        }
      })(),
    );
    log(`import of ${options.importEvents} events while another window asks …`);
    const imported = await besideJob(client, window, async () => {
      const [chosen] = answer<{ fileId: string }[]>(
        await client.grantFiles(job, 'events', [
          { name: 'more.ndjson', path: file, size: statSync(file).size, temporary: false },
        ]),
        'grantFiles',
      );
      const { jobId } = answer<{ jobId: string }>(
        await client.call('importFiles', { files: [chosen!.fileId] }, job),
        'importFiles',
      );
      await untilFinished(client, jobId);
    });

    const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const beside = (what: string, l: Latencies): JobsFigure[] => {
      const orders = percentile(l.orders, 0.99);
      const dashboard = percentile(l.dashboard, 0.99);
      return [
        { what: `orders page while ${what}, p99`, value: ms(orders), target: '≤ 100 ms', pass: orders <= 100 },
        {
          what: '  same',
          value: `p50 ${ms(percentile(l.orders, 0.5))}, ${l.orders.length} calls, job ${secs(l.jobMs)}`,
          target: '',
        },
        { what: `dashboard while ${what}, p99`, value: ms(dashboard), target: '≤ 100 ms', pass: dashboard <= 100 },
        { what: '  same', value: `p50 ${ms(percentile(l.dashboard, 0.5))}, ${l.dashboard.length} calls`, target: '' },
      ];
    };
    figures.push(
      { what: 'observed-transitions matrix', value: secs(matrixMs), target: '≤ 5 s', pass: matrixMs <= 5000 },
      { what: 'rule preview, 1998 handbook', value: secs(previewMs), target: '≤ 5 s', pass: previewMs <= 5000 },
      ...beside('the matrix counts', matrix),
      ...beside(`${options.importEvents} events are imported`, imported),
    );
    return figures;
  } finally {
    await client.close();
    rmSync(scratch, { recursive: true, force: true });
  }

  /** Wait for a job's `jobFinished` push. */
  function untilFinished(client: JournalWorkerClient, jobId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const off = client.onPush((name, payload) => {
        const p = payload as { jobId: string; ok: boolean; error: string | null };
        if (name !== 'jobFinished' || p.jobId !== jobId) return;
        off();
        if (p.ok) resolve();
        else reject(new Error(`the import failed: ${p.error}`));
      });
    });
  }
}
