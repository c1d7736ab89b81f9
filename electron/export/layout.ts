/**
 * What a bundle is called and what it holds. Corporate's verifier and the writer share these, so
 * the names cannot drift apart.
 */
import fs from 'node:fs';

/**
 * Bumped whenever a file's layout or the manifest changes meaning (docs/export-format.md). Format 2
 * added key rotation (`nextKey`) and the empty range of a key announcement. Format 3: a bundle
 * that does not start at seq 1 carries in orders.csv and anomalies.csv only the orders with an
 * event in its range and the anomalies its range flagged or resolved (the receiver upserts them),
 * not every order and anomaly again.
 */
export const FORMAT = 'warehouse-ledger-export/3';

/** Bundles with every order and anomaly in each (key rotation, no incremental rows): still read, never written. */
export const FORMAT_2 = 'warehouse-ledger-export/2';

/** Bundles written before key rotation: still read, never written. */
export const FORMAT_1 = 'warehouse-ledger-export/1';

export const EVENTS_FILE = 'events.ndjson.gz';
export const ORDERS_FILE = 'orders.csv';
export const ANOMALIES_FILE = 'anomalies.csv';
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';

/** The files the manifest lists with their hashes (the manifest and its signature cover them). */
export const DATA_FILES = [EVENTS_FILE, ORDERS_FILE, ANOMALIES_FILE] as const;
export type DataFile = (typeof DATA_FILES)[number];

/** Seqs are zero-padded so bundles sort by name in the order they were written. */
const SEQ_DIGITS = 12;

export function padSeq(seq: number): string {
  return String(seq).padStart(SEQ_DIGITS, '0');
}

/**
 * `<workstation>_<fromSeq>-<toSeq>`, e.g. `DOCK-3_000000000001-000000004711`. A key announcement
 * with no events has `toSeq = fromSeq - 1`, so it sorts before the bundle that starts where it does.
 */
export function bundleName(workstation: string, fromSeq: number, toSeq: number): string {
  return `${workstation}_${padSeq(fromSeq)}-${padSeq(toSeq)}`;
}

/** Bundles of this workstation starting at `fromSeq`, whatever their end. */
export function bundlePrefix(workstation: string, fromSeq: number): string {
  return `${workstation}_${padSeq(fromSeq)}-`;
}

/** Folders an export writes into before the rename; anything starting so is never a bundle. */
export const TEMP_PREFIX = '.tmp-';

export function parseBundleName(name: string): { workstation: string; fromSeq: number; toSeq: number } | undefined {
  const m = /^(.+)_(\d+)-(\d+)$/.exec(name);
  if (!m) return undefined;
  return { workstation: m[1]!, fromSeq: Number(m[2]), toSeq: Number(m[3]) };
}

/**
 * The bundle folders of `workstation` in `folder`, in the order they were written: by fromSeq,
 * then toSeq (an empty key announcement before the bundle that starts where it does).
 */
export function listBundles(folder: string, workstation: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(TEMP_PREFIX))
    .map((e) => ({ name: e.name, range: parseBundleName(e.name) }))
    .filter((e) => e.range?.workstation === workstation)
    .sort((a, b) => a.range!.fromSeq - b.range!.fromSeq || a.range!.toSeq - b.range!.toSeq)
    .map((e) => e.name);
}

/** The workstations with bundles in `folder`. */
export function bundleWorkstations(folder: string): string[] {
  const names = new Set<string>();
  for (const e of fs.readdirSync(folder, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith(TEMP_PREFIX)) continue;
    const range = parseBundleName(e.name);
    if (range) names.add(range.workstation);
  }
  return [...names].sort();
}

/** Whether a bundle of this format carries every order and anomaly (formats 1 and 2) rather than what its range changed. */
export function carriesEverything(format: string, fromSeq: number): boolean {
  return format !== FORMAT || fromSeq === 1;
}
