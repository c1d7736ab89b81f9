/**
 * What a bundle is called and what it holds. Corporate's verifier and the writer share these, so
 * the names cannot drift apart.
 */

/** Bumped whenever a file's layout or the manifest changes meaning. */
export const FORMAT = 'warehouse-ledger-export/1';
/** Every format a verifier reads: 2 adds the manifest's optional `nextKey` (a key rotation). */
export const FORMATS = ['warehouse-ledger-export/1', 'warehouse-ledger-export/2'] as const;

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

/** `<workstation>_<fromSeq>-<toSeq>`, e.g. `DOCK-3_000000000001-000000004711`. */
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
