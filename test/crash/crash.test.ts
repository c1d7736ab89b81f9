/**
 * kill -9 in the middle of an import: what was committed stays, the journal verifies, importing
 * the same file again completes it, and the result equals an import that was never interrupted.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal';
import { generateEvents, writeNdjson } from '../../electron/seed';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin/warehouse-ledger.js');
const EVENTS = 40_000;
const dir = mkdtempSync(join(tmpdir(), 'wl-crash-'));
const file = join(dir, 'history.ndjson');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT });
  writeNdjson(file, generateEvents({ events: EVENTS, seed: 2026 }));
}, 120_000);

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  expect(r.stderr).toBe('');
  return { code: r.status, json: () => JSON.parse(r.stdout) as unknown };
}

/** Events committed so far, read through a second connection while the import writes. */
function committed(db: string): number {
  try {
    const j = Journal.open(db, { create: false, readonly: true });
    try {
      return j.eventCount();
    } finally {
      j.close();
    }
  } catch {
    return 0; // not created yet, or the schema is being written
  }
}

/** Every event a journal holds, one JSON line each, without the wall-clock time of recording. */
function contents(db: string): string[] {
  const j = Journal.open(db, { create: false });
  try {
    return [...j.iterateEvents()].map(({ recordedAt: _r, ...e }) => JSON.stringify(e));
  } finally {
    j.close();
  }
}

/** Equal lists, or the first place they differ (a diff of 60,000 events would drown the report). */
function expectSameLines(a: string[], b: string[]) {
  const i = a.findIndex((line, k) => line !== b[k]);
  expect(i === -1 ? null : { at: i, crashed: a[i], straight: b[i] }).toBeNull();
  expect(a.length).toBe(b.length);
}

const lines = (rows: unknown) =>
  (rows as Record<string, unknown>[]).map(({ recordedAt: _r, ...e }) => JSON.stringify(e));

describe('crash mid-import', () => {
  it('kill -9, reopen, verify, import again: the same journal as an uninterrupted import', async () => {
    const crashed = join(dir, 'crashed.db');
    const child = spawn(
      process.execPath,
      [BIN, 'import', file, '--db', crashed, '--batch-size', '500', '--source', 'feed'],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let finished = false;
    void exited.then(() => (finished = true));
    // Wait until some batches are committed, then pull the plug.
    while (!finished && committed(crashed) < 2_000) await new Promise((r) => setTimeout(r, 5));
    expect(finished, 'the import finished before it could be killed; make the file larger').toBe(false);
    child.kill('SIGKILL');
    await exited;

    const partial = committed(crashed);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(EVENTS);
    // Whole batches only: a transaction either committed or left no trace.
    expect(partial % 500).toBe(0);
    expect(cli(['verify', '--db', crashed, '--json']).json()).toMatchObject({ ok: true, events: partial });

    const resumed = cli(['import', file, '--db', crashed, '--source', 'feed', '--json']).json() as Record<
      string,
      unknown
    >;
    expect(resumed).toMatchObject({ accepted: EVENTS - partial, duplicates: partial, rejected: [] });

    const straight = join(dir, 'straight.db');
    cli(['import', file, '--db', straight, '--source', 'feed']);
    expect(cli(['verify', '--db', crashed]).code).toBe(0);

    const a = contents(crashed);
    expect(a.length).toBe(EVENTS);
    expectSameLines(a, contents(straight));
    expectSameLines(
      lines(cli(['orders', '--db', crashed, '--json']).json()),
      lines(cli(['orders', '--db', straight, '--json']).json()),
    );
    expectSameLines(
      lines(cli(['anomalies', '--db', crashed, '--json']).json()),
      lines(cli(['anomalies', '--db', straight, '--json']).json()),
    );
    const middle = (JSON.parse(a[EVENTS >> 1]!) as { orderId: string }).orderId;
    for (const orderId of ['1345693', middle]) {
      expectSameLines(
        lines(cli(['history', orderId, '--db', crashed, '--json']).json()),
        lines(cli(['history', orderId, '--db', straight, '--json']).json()),
      );
    }
  }, 300_000);
});
