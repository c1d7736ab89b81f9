/**
 * `corporate receive`: one bundle into corporate's database, in one transaction.
 *
 * The bundle is checked by the same verifier as `verify-export` (every file's hash, the
 * signature under the key trusted for its workstation at that point, the hash chain inside, and
 * that it continues the last bundle received from that workstation), while its events stream
 * into the database; the transaction commits only if the check passes, so a refused bundle
 * leaves nothing behind. A bundle received before is recognised and changes nothing.
 *
 * Refused, and said which: a workstation never registered, a tampered bundle, a gap (a later
 * bundle before an earlier one) and a fork (a second history of a range already received).
 */
import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import { keyFingerprint } from '../export/keys';
import { carriesEverything } from '../export/layout';
import type { Manifest } from '../export/manifest';
import { verifyExport, type ChainEnd, type EventLine } from '../export/verify';
import {
  anomalyRows,
  ANOMALY_TABLE_COLUMNS,
  BundleChanged,
  claimedManifest,
  orderRows,
  ORDER_TABLE_COLUMNS,
} from './bundleFiles';
import type { CorporateDb, Transaction } from './db';
import { rowSink, type Value } from './rows';

export type RefusalKind = 'not-a-bundle' | 'unknown-workstation' | 'tampered' | 'gap' | 'fork';

/** A bundle corporate will not take, and why: `kind` says which case, `problems` the details. */
export class BundleRefused extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'BundleRefused';
  }
}

export interface Received {
  /** `received`: loaded now; `already`: this very bundle was received before, nothing changed. */
  outcome: 'received' | 'already';
  bundle: string;
  workstation: string;
  fromSeq: number;
  toSeq: number;
  events: number;
  /** The fingerprint of the key the workstation signs with from now on, when this bundle rotated it. */
  rotatedTo?: string;
}

export interface ReceiveOptions {
  /** Called now and then with events loaded so far and the bundle's total. */
  onProgress?: (done: number, total: number) => void;
}

export const EVENT_COLUMNS = [
  'workstation',
  'seq',
  'bundle_id',
  'event_id',
  'type',
  'order_id',
  'trace_id',
  'initiated_by',
  'timestamp',
  'occurred_at',
  'data',
  'recorded_at',
  'source',
  'rule_set',
  'hash',
  'prev_hash',
] as const;

/**
 * One events row as loaded (the bench's bare COPY writes the very same rows). `dataJson`: the
 * data already serialised (the verifier's canonical form, which it made for the hash).
 */
export function eventRow(
  workstation: string,
  bundleId: number,
  e: EventLine,
  dataJson = JSON.stringify(e.data),
): Value[] {
  return [
    workstation,
    e.seq,
    bundleId,
    e.eventId,
    e.type,
    e.orderId,
    e.traceId ?? null,
    JSON.stringify(e.initiatedBy),
    e.timestamp,
    e.timestamp,
    dataJson,
    e.recordedAt,
    e.source,
    e.ruleSetId,
    e.hash,
    e.prevHash,
  ];
}

interface ReceivedBundle {
  id: number;
  name: string;
  from_seq: number;
  to_seq: number;
  start_hash: string;
  end_hash: string;
  key_fingerprint: string;
  manifest_sha256: string;
}

export async function receiveBundle(
  db: CorporateDb,
  bundleDir: string,
  options: ReceiveOptions = {},
): Promise<Received> {
  const dir = path.resolve(bundleDir);
  const claimed = claimedManifest(dir);
  if (!claimed.ok) throw new BundleRefused('not-a-bundle', claimed.problem);
  const m = claimed.manifest;
  const name = path.basename(dir);
  const summary = {
    bundle: name,
    workstation: m.workstation,
    fromSeq: m.fromSeq,
    toSeq: m.toSeq,
    events: m.counts.events,
  };

  return db.transaction(async (tx) => {
    // One receiver at a time per workstation: a second waits here and then sees the first's bundle.
    const [station] = await tx.query<{ key_fingerprint: string }>(
      'SELECT key_fingerprint FROM workstations WHERE name = $1 FOR UPDATE',
      [m.workstation],
    );
    if (!station) {
      throw new BundleRefused(
        'unknown-workstation',
        `${name} is from workstation ${m.workstation}, which corporate does not know: register its key first ` +
          `(warehouse-ledger corporate trust ${m.workstation} --pubkey FILE); nothing was loaded`,
      );
    }
    const [last] = await tx.query<ReceivedBundle>(
      // An empty key announcement ends where the bundle before it did; it is the later of the two.
      'SELECT * FROM bundles WHERE workstation = $1 ORDER BY to_seq DESC, from_seq DESC LIMIT 1',
      [m.workstation],
    );
    const [same] = await tx.query<ReceivedBundle>(
      'SELECT * FROM bundles WHERE workstation = $1 AND from_seq = $2 AND to_seq = $3',
      [m.workstation, m.fromSeq, m.toSeq],
    );

    if (same && same.to_seq === m.toSeq && same.start_hash === m.chain.startHash && same.end_hash === m.chain.endHash) {
      // The same bundle again: checked under the key it was signed with then, and nothing changes.
      await check(dir, await publicKey(tx, m.workstation, same.key_fingerprint), m);
      return { outcome: 'already' as const, ...summary };
    }

    const pem = await publicKey(tx, m.workstation, station.key_fingerprint);
    const lastSeq = last?.to_seq ?? 0;
    if (m.fromSeq > lastSeq + 1) {
      // Not checked further: it may be signed with a key that a bundle before it announces.
      throw new BundleRefused(
        'gap',
        `${name} starts at seq ${m.fromSeq}, but the last bundle received from ${m.workstation} ` +
          (last ? `(${last.name}) ended at seq ${lastSeq}` : 'is none: it must start at seq 1') +
          `: seq ${lastSeq + 1}–${m.fromSeq - 1} are missing. Receive the bundle starting at seq ${lastSeq + 1} first; nothing was loaded`,
      );
    }
    if (m.fromSeq <= lastSeq || (last && m.chain.startHash !== last.end_hash)) {
      const holder = same ?? (await holderOf(tx, m.workstation, m.fromSeq)) ?? last;
      // Checked before it is called a fork, under the key that signed that range then.
      const signedThen =
        m.fromSeq <= lastSeq && holder ? await publicKey(tx, m.workstation, holder.key_fingerprint) : pem;
      await check(dir, signedThen, m);
      throw new BundleRefused(
        'fork',
        `${name} claims seq ${m.fromSeq}–${m.toSeq} of ${m.workstation}, but ${holder?.name ?? 'a bundle received before'} ` +
          `already holds ${m.fromSeq <= lastSeq ? 'that range' : `seq ${lastSeq}`} with other hashes: ` +
          'two histories of one workstation (a fork); nothing was loaded',
      );
    }

    // It continues what was received: load it while it is checked.
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO bundles (workstation, name, format, from_seq, to_seq, start_hash, end_hash, events, orders,
                            anomalies, exported_at, key_fingerprint, next_key_fingerprint, manifest_sha256, manifest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        m.workstation,
        name,
        m.format,
        m.fromSeq,
        m.toSeq,
        m.chain.startHash,
        m.chain.endHash,
        m.counts.events,
        m.counts.orders,
        m.counts.anomalies,
        m.exportedAt,
        station.key_fingerprint,
        m.nextKey?.fingerprint ?? null,
        claimed.sha256,
        JSON.stringify(m),
      ],
    );
    const bundleId = row!.id;
    const events = rowSink(tx, 'events', EVENT_COLUMNS);
    let loaded = 0;
    const previous: ChainEnd | undefined = last
      ? { workstation: m.workstation, toSeq: last.to_seq, endHash: last.end_hash }
      : undefined;
    let report;
    try {
      report = await verifyExport(dir, pem, previous, {
        onEvent: async (e, dataJson) => {
          await events.add(eventRow(m.workstation, bundleId, e, dataJson));
          loaded += 1;
          if (loaded % 10_000 === 0) options.onProgress?.(loaded, m.counts.events);
        },
      });
      if (report.ok) await events.finish();
    } finally {
      if (!report?.ok) events.abandon();
    }
    if (!report.ok || !report.manifest) throw tampered(name, report.problems);
    if (JSON.stringify(report.manifest) !== JSON.stringify(m)) {
      throw tampered(name, [`manifest.json changed while ${name} was being received`]);
    }
    options.onProgress?.(loaded, m.counts.events);

    // Formats 1 and 2 (and a first bundle) hold every order and anomaly: they replace the
    // workstation's rows. A later bundle of format 3 holds what its range changed: upserted.
    const loadRows = carriesEverything(m.format, m.fromSeq) ? replaceRows : upsertRows;
    await loadRows(
      tx,
      'orders',
      ORDER_TABLE_COLUMNS,
      m.workstation,
      bundleId,
      loadPart(() => orderRows(dir, m), name),
    );
    await loadRows(
      tx,
      'anomalies',
      ANOMALY_TABLE_COLUMNS,
      m.workstation,
      bundleId,
      loadPart(() => anomalyRows(dir, m), name),
    );
    const rotatedTo = m.nextKey ? await followRotation(tx, m, name, bundleId) : undefined;
    return { outcome: 'received' as const, ...summary, ...(rotatedTo ? { rotatedTo } : {}) };
  });
}

/** The whole check, loading nothing: a refusal for a bundle that does not verify. */
async function check(dir: string, pem: string, m: Manifest): Promise<void> {
  const report = await verifyExport(dir, pem);
  if (!report.ok) throw tampered(path.basename(dir), report.problems);
  if (JSON.stringify(report.manifest) !== JSON.stringify(m)) {
    throw tampered(path.basename(dir), ['manifest.json changed while it was being received']);
  }
}

function tampered(name: string, problems: readonly string[]): BundleRefused {
  return new BundleRefused(
    'tampered',
    `${name} does not verify (tampered or damaged): ${problems[0] ?? 'unknown problem'}; nothing was loaded`,
    problems,
  );
}

function loadPart<T>(read: () => T, name: string): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof BundleChanged) throw tampered(name, [err.message]);
    throw tampered(name, [(err as Error).message]);
  }
}

async function publicKey(tx: Transaction, workstation: string, fingerprint: string): Promise<string> {
  const [key] = await tx.query<{ public_key_pem: string }>(
    'SELECT public_key_pem FROM workstation_keys WHERE workstation = $1 AND fingerprint = $2',
    [workstation, fingerprint],
  );
  if (!key) throw new Error(`the key ${fingerprint} of ${workstation} is not in workstation_keys`);
  return key.public_key_pem;
}

/** The received bundle whose range holds `seq`. */
async function holderOf(tx: Transaction, workstation: string, seq: number): Promise<ReceivedBundle | undefined> {
  const [b] = await tx.query<ReceivedBundle>(
    'SELECT * FROM bundles WHERE workstation = $1 AND from_seq <= $2 AND to_seq >= $2',
    [workstation, seq],
  );
  return b;
}

/** A bundle holds every order and anomaly of its workstation: the newest one's rows replace the last. */
async function replaceRows(
  tx: Transaction,
  table: 'orders' | 'anomalies',
  columns: readonly string[],
  workstation: string,
  bundleId: number,
  rows: Value[][],
): Promise<void> {
  await tx.query(`DELETE FROM ${table} WHERE workstation = $1`, [workstation]);
  await copyRows(tx, table, ['workstation', 'bundle_id', ...columns], workstation, bundleId, rows);
}

/** COPY the rows into `table`, each led by its workstation and bundle. */
async function copyRows(
  tx: Transaction,
  table: string,
  all: string[],
  workstation: string,
  bundleId: number,
  rows: Value[][],
): Promise<void> {
  const sink = rowSink(tx, table, all);
  try {
    for (const r of rows) await sink.add([workstation, bundleId, ...r]);
    await sink.finish();
  } catch (err) {
    sink.abandon();
    throw err;
  }
}

/** The key of each table's rows, besides the workstation. */
const ROW_KEY: Readonly<Record<'orders' | 'anomalies', string>> = { orders: 'order_id', anomalies: 'id' };

/**
 * A bundle holds the orders and anomalies its range changed, each as it stood at the export:
 * they replace the workstation's rows of the same key and leave the others. Staged by COPY in a
 * temporary table, then upserted in one statement.
 */
async function upsertRows(
  tx: Transaction,
  table: 'orders' | 'anomalies',
  columns: readonly string[],
  workstation: string,
  bundleId: number,
  rows: Value[][],
): Promise<void> {
  if (rows.length === 0) return;
  const staged = `incoming_${table}`;
  await tx.query(`CREATE TEMP TABLE IF NOT EXISTS ${staged} (LIKE ${table}) ON COMMIT DROP`);
  await tx.query(`TRUNCATE ${staged}`);
  const all = ['workstation', 'bundle_id', ...columns];
  await copyRows(tx, staged, all, workstation, bundleId, rows);
  const key = ROW_KEY[table];
  const list = all.map((c) => `"${c}"`).join(', ');
  const updates = all
    .filter((c) => c !== 'workstation' && c !== key)
    .map((c) => `"${c}" = EXCLUDED."${c}"`)
    .join(', ');
  await tx.query(
    `INSERT INTO ${table} (${list}) SELECT ${list} FROM ${staged}
     ON CONFLICT (workstation, ${key}) DO UPDATE SET ${updates}`,
  );
}

/** The bundle announces the workstation's next key: from the next bundle on, that one signs. */
async function followRotation(tx: Transaction, m: Manifest, name: string, bundleId: number): Promise<string> {
  const next = m.nextKey!;
  let fingerprint: string;
  try {
    const key = createPublicKey(next.publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519')
      throw new Error(`it is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
    fingerprint = keyFingerprint(next.publicKeyPem);
  } catch (err) {
    throw tampered(name, [`manifest.json: nextKey cannot be used: ${(err as Error).message}`]);
  }
  if (fingerprint !== next.fingerprint) {
    throw tampered(name, [`manifest.json: nextKey's fingerprint is not the sha256 of its public key`]);
  }
  await tx.query(
    `INSERT INTO workstation_keys (workstation, fingerprint, public_key_pem, announced_by_bundle)
     VALUES ($1, $2, $3, $4) ON CONFLICT (workstation, fingerprint) DO NOTHING`,
    [m.workstation, fingerprint, next.publicKeyPem, bundleId],
  );
  await tx.query('UPDATE workstations SET key_fingerprint = $2 WHERE name = $1', [m.workstation, fingerprint]);
  return fingerprint;
}
