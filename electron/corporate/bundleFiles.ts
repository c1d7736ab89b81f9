/**
 * Reading a bundle's parts for loading: the manifest as it claims to be (before anyone has
 * checked its signature), and the orders and anomalies CSVs, each checked against the sha256 the
 * verified manifest gives it as it is read — the file loaded is the file that was checked, even
 * if someone writes into the folder in between.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ANOMALY_COLUMNS, ORDER_COLUMNS } from '../export/exportBundle';
import { ANOMALIES_FILE, MANIFEST_FILE, ORDERS_FILE, type DataFile } from '../export/layout';
import { manifestSchema, type Manifest } from '../export/manifest';

export type Claimed = { ok: true; manifest: Manifest; sha256: string } | { ok: false; problem: string };

/** The manifest as the folder holds it now, unverified. */
export function claimedManifest(bundleDir: string): Claimed {
  if (!fs.existsSync(bundleDir)) return { ok: false, problem: `${bundleDir} does not exist` };
  if (!fs.statSync(bundleDir).isDirectory()) {
    return { ok: false, problem: `${bundleDir} is a file, not a bundle folder` };
  }
  const file = path.join(bundleDir, MANIFEST_FILE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problem:
        code === 'ENOENT'
          ? `${bundleDir} is not a bundle: it has no ${MANIFEST_FILE}`
          : `${file} cannot be read: ${(err as Error).message}`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return { ok: false, problem: `${file} is not valid JSON: ${(err as Error).message}` };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${file}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, manifest: parsed.data, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The records of one of the bundle's CSVs (header checked), if its bytes are the manifest's. */
function checkedCsv(bundleDir: string, file: DataFile, manifest: Manifest, header: readonly string[]): string[][] {
  const bytes = fs.readFileSync(path.join(bundleDir, file));
  const entry = manifest.files[file];
  if (!entry || createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
    throw new BundleChanged(`${file} changed after it was checked`);
  }
  const records = parse(bytes, { relax_column_count: false, bom: false }) as string[][];
  const [head, ...rows] = records;
  if (head?.join(',') !== header.join(',')) {
    throw new BundleChanged(`${file}: the header is not ${header.join(',')}`);
  }
  return rows;
}

/** The bundle's folder was written to while it was being received. */
export class BundleChanged extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleChanged';
  }
}

const orNull = (s: string | undefined) => (s === undefined || s === '' ? null : s);

export function orderRows(bundleDir: string, manifest: Manifest): (string | number | boolean | null)[][] {
  return checkedCsv(bundleDir, ORDERS_FILE, manifest, ORDER_COLUMNS).map((r) => {
    const [
      orderId,
      status,
      customer,
      lastSeq,
      lastEventAt,
      eventCount,
      openAnomalies,
      created,
      beforeHold,
      lines,
      picked,
    ] = r;
    return [
      orderId!,
      orNull(status),
      orNull(customer),
      Number(lastSeq),
      orNull(lastEventAt),
      Number(eventCount),
      Number(openAnomalies),
      created === 'true',
      orNull(beforeHold),
      lines || '[]',
      picked || '{}',
    ];
  });
}
export const ORDER_TABLE_COLUMNS = [
  'order_id',
  'status',
  'customer',
  'last_seq',
  'last_event_at',
  'event_count',
  'open_anomalies',
  'created',
  'before_hold',
  'lines',
  'picked',
] as const;

export function anomalyRows(bundleDir: string, manifest: Manifest): (string | number | boolean | null)[][] {
  return checkedCsv(bundleDir, ANOMALIES_FILE, manifest, ANOMALY_COLUMNS).map((r) => {
    const [id, seq, eventId, orderId, type, timestamp, initiatorId, initiatorName, initiatorRole, kind, severity] = r;
    const [open, resolvedBySeq, message] = r.slice(11);
    return [
      Number(id),
      Number(seq),
      eventId!,
      orderId!,
      type!,
      timestamp!,
      timestamp!,
      initiatorId!,
      orNull(initiatorName),
      initiatorRole!,
      kind!,
      severity!,
      open === 'true',
      resolvedBySeq === undefined || resolvedBySeq === '' ? null : Number(resolvedBySeq),
      message ?? '',
    ];
  });
}
export const ANOMALY_TABLE_COLUMNS = [
  'id',
  'seq',
  'event_id',
  'order_id',
  'type',
  'timestamp',
  'occurred_at',
  'initiator_id',
  'initiator_name',
  'initiator_role',
  'kind',
  'severity',
  'open',
  'resolved_by_seq',
  'message',
] as const;
