/**
 * The receiving watch, scan by scan (no clocks): a bundle still being copied in is left alone
 * until it is whole and has stopped changing; a refused one is reported once and tried again
 * only when its folder changes; bundles received before are skipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorporateDb } from '../../electron/corporate/db';
import { trustWorkstation } from '../../electron/corporate/trust';
import { BundleWatch, type WatchReport } from '../../electron/corporate/watch';
import { corporateDatabase, count, Workstation } from './helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-watch-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let db: CorporateDb;
let bundles: string[];

beforeAll(async () => {
  ({ db } = await corporateDatabase());
  const dock = new Workstation(root, 'DOCK-1');
  bundles = [await dock.bundle(8), await dock.bundle(4), await dock.bundle(4)];
  await trustWorkstation(db, 'DOCK-1', await dock.publicKeyPem());
  dock.close();
});

function watcher(dir: string, settleScans = 30) {
  const reports: WatchReport[] = [];
  const watch = new BundleWatch(db, dir, { report: (r) => reports.push(r), settleScans });
  return { watch, reports, outcomes: () => reports.map((r) => `${r.outcome} ${r.bundle}`) };
}

/** Copy a bundle into `dir` the way `cp -r` does, stopping after `files` files (the last one half-written). */
function copyPartly(bundle: string, dir: string, files: number): string {
  const target = path.join(dir, path.basename(bundle));
  fs.mkdirSync(target, { recursive: true });
  const order = ['manifest.json', 'events.ndjson.gz', 'orders.csv', 'anomalies.csv', 'manifest.sig'];
  for (const [i, f] of order.entries()) {
    if (i > files) break;
    const bytes = fs.readFileSync(path.join(bundle, f));
    fs.writeFileSync(path.join(target, f), i === files ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes);
  }
  return target;
}

function finishCopy(bundle: string, dir: string): void {
  fs.cpSync(bundle, path.join(dir, path.basename(bundle)), { recursive: true });
}

describe('corporate receive --watch', () => {
  it('waits for a bundle still being copied, then receives it once', async () => {
    const inbox = fs.mkdtempSync(path.join(root, 'inbox-'));
    const { watch, outcomes } = watcher(inbox);
    copyPartly(bundles[0]!, inbox, 1); // manifest whole, events half-written
    for (let i = 0; i < 5; i++) await watch.scan();
    expect(outcomes()).toEqual([]);
    expect(await count(db, 'events')).toBe(0);

    copyPartly(bundles[0]!, inbox, 4); // everything but half the signature
    await watch.scan();
    await watch.scan();
    expect(outcomes()).toEqual([]);

    finishCopy(bundles[0]!, inbox);
    await watch.scan(); // changed since the last scan: not yet
    expect(outcomes()).toEqual([]);
    await watch.scan();
    expect(outcomes()).toEqual([`received ${path.basename(bundles[0]!)}`]);
    await watch.scan();
    expect(outcomes()).toHaveLength(1);
  });

  it('reports a refused bundle once, tries it again when it changes, and skips what was received', async () => {
    const inbox = fs.mkdtempSync(path.join(root, 'inbox-'));
    finishCopy(bundles[0]!, inbox); // received by the test above
    const second = path.join(inbox, path.basename(bundles[1]!));
    finishCopy(bundles[1]!, inbox);
    const orders = path.join(second, 'orders.csv');
    fs.writeFileSync(orders, fs.readFileSync(orders, 'utf8').replace('ORD-', 'ORX-'));
    const { watch, outcomes, reports } = watcher(inbox);
    for (let i = 0; i < 4; i++) await watch.scan();
    expect(outcomes()).toEqual([`refused ${path.basename(second)}`]);
    expect(reports[0]).toMatchObject({ error: { kind: 'tampered' } });

    // Someone copies the good bundle over it: received on the scan after the change.
    fs.rmSync(second, { recursive: true });
    finishCopy(bundles[1]!, inbox);
    await watch.scan();
    await watch.scan();
    expect(outcomes()).toEqual([`refused ${path.basename(second)}`, `received ${path.basename(second)}`]);
  });

  it('reports a bundle that never becomes whole, after it has stood unchanged long enough', async () => {
    const inbox = fs.mkdtempSync(path.join(root, 'inbox-'));
    const third = copyPartly(bundles[2]!, inbox, 2);
    fs.rmSync(path.join(third, 'orders.csv'));
    const { watch, outcomes, reports } = watcher(inbox, 3);
    for (let i = 0; i < 3; i++) await watch.scan();
    expect(outcomes()).toEqual([]);
    await watch.scan();
    expect(outcomes()).toEqual([`refused ${path.basename(third)}`]);
    const report = reports[0] as Extract<WatchReport, { outcome: 'refused' }>;
    expect(report.error.kind).toBe('tampered');
    expect(report.error.problems).toContain('orders.csv is missing');
  });
});
