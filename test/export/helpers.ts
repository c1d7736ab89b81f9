/** Journals with orders, anomalies and awkward text, and temporary destinations, for the export tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterEach } from 'vitest';
import type { Journal } from '../../electron/journal';
import { created, incoming, statusTo } from '../journal/helpers';

const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function scratch(prefix = 'export-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

const WALK = ['PendingPicking', 'Picking', 'Picked', 'Packed', 'Shipped'];

/**
 * Add `orders` orders to the journal, each created and walked some way along the floor; every
 * third skips a step (an anomaly), and customers carry commas, quotes and line breaks for the CSV.
 */
export function addOrders(journal: Journal, orders: number, start = 0): void {
  const batch = [];
  for (let i = start; i < start + orders; i++) {
    const id = `ORD-${String(i).padStart(6, '0')}`;
    batch.push(created(id, [{ sku: `SKU-${i % 7}`, qty: 1 + (i % 3) }], `Customer ${i}, "Dock ${i % 4}"\nBay`));
    const steps = WALK.slice(0, 1 + (i % WALK.length));
    for (const [k, status] of steps.entries()) {
      if (i % 3 === 0 && k === 1) continue;
      batch.push(statusTo(id, status));
    }
    if (i % 5 === 0) batch.push(incoming(id, 'CustomerNotified', { channel: 'e-mail, "urgent"' }));
  }
  journal.appendBatch(batch, 'test-import');
}

/** The events of a bundle, as parsed lines. */
export function bundleEvents(bundleDir: string): { seq: number; hash: string; prevHash: string }[] {
  const text = zlib.gunzipSync(fs.readFileSync(path.join(bundleDir, 'events.ndjson.gz'))).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { seq: number; hash: string; prevHash: string });
}

/** Copy a bundle (to damage the copy). */
export function copyBundle(bundleDir: string, into: string): string {
  const target = path.join(into, path.basename(bundleDir));
  fs.cpSync(bundleDir, target, { recursive: true });
  return target;
}

/** A CSV file of a bundle, read by csv-parse as corporate's tools would read it (RFC 4180). */
export function readCsv(file: string): string[][] {
  return parse(fs.readFileSync(file), { bom: true, relax_column_count: true }) as string[][];
}
