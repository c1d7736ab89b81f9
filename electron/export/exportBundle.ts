/**
 * One export to corporate (design path 3): read the events after the cursor, write the bundle
 * into a temporary folder at the destination, flush, rename into place, and only then advance
 * the cursor in the journal. A bundle is therefore whole or absent, and the cursor never passes
 * an event that is not in a bundle at the destination.
 *
 * The one gap left is a crash between the rename and the cursor's advance: the bundle is there
 * but the journal does not know. The next run finds it (same workstation, starting at the
 * cursor + 1), checks it with the workstation's key and the journal's own chain hashes, and
 * records it instead of writing those events a second time.
 */
import { randomBytes, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportResult } from '../../shared/contract/export';
import { workstationName } from '../../shared/contract/export';
import type { AnomalyRecord, EventRecord, OrderRecord, VerifyReport } from '../../shared/contract/records';
import { eventHash, type HashedEvent } from '../journal/hash';
import { JournalRefusal, type ActiveRuleSet, type JournalApi } from '../journal/types';
import { csvRow } from '../../shared/csv/write';
import { FileSink, syncFolder, writeSmallFile } from './durable';
import { destinationError, ExportError } from './errors';
import { checkRecordedAnchors } from './anchors';
import {
  checkKeyFolder,
  pendingKey,
  plainKeys,
  retireCurrentKey,
  workstationKey,
  type KeyProtector,
  type WorkstationKey,
} from './keys';
import {
  ANOMALIES_FILE,
  bundleName,
  bundlePrefix,
  EVENTS_FILE,
  FORMAT,
  MANIFEST_FILE,
  ORDERS_FILE,
  parseBundleName,
  SIGNATURE_FILE,
  TEMP_PREFIX,
} from './layout';
import { manifestBytes, type Manifest, type NextKey } from './manifest';
import { verifyExport } from './verify';

/** What the journal must offer an export: reads, and the cursor. */
export type ExportingJournal = Pick<
  JournalApi,
  | 'kind'
  | 'lastSeq'
  | 'iterateEvents'
  | 'chainHash'
  | 'chainHashes'
  | 'orders'
  | 'anomalies'
  | 'ordersChangedIn'
  | 'anomaliesTouchedIn'
  | 'ruleSetHistory'
  | 'exportCursor'
  | 'recordExport'
  | 'exportHistory'
  | 'exportCount'
  | 'verify'
  | 'path'
>;

export interface ExportOptions {
  destination: string;
  workstation: string;
  /** The folder of the workstation's key (its own folder in the user data folder, never the journal's). */
  keyDir: string;
  /** How the private key is kept at rest (default: a PEM file only its owner may read). */
  protector?: KeyProtector;
  /**
   * The whole journal checked (chain and projections) before anything is signed; default
   * `journal.verify()` at once. The app passes one that runs in turns.
   */
  verifyJournal?: () => Promise<VerifyReport>;
  /** The clock, for `exportedAt` (tests pin it). */
  now?: () => Date;
  /** Called now and then with events written so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between events: a cancelled export leaves nothing behind and the cursor where it was. */
  signal?: AbortSignal;
}

export interface ExportOutcome extends ExportResult {
  /** The bundle's folder, or null when there was nothing new. */
  path: string | null;
  /** True when the bundle was found already written by a run that died before recording it. */
  adopted: boolean;
  /** The new key this bundle announced (a rotation), by fingerprint. */
  announcedKey: string | null;
}

/** Rows per page when dumping orders and anomalies: big enough to be quick, small enough for memory. */
const PAGE = 5000;

export async function exportBundle(journal: ExportingJournal, options: ExportOptions): Promise<ExportOutcome> {
  if (journal.kind === 'training') {
    throw new ExportError('refused', 'this is a training journal: a training journal is never exported');
  }
  const workstation = workstationName.safeParse(options.workstation);
  if (!workstation.success) {
    throw new ExportError(
      'refused',
      `workstation name ${JSON.stringify(options.workstation)}: ${workstation.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  const destination = path.resolve(options.destination);
  checkDestination(destination);
  checkKeyFolder(options.keyDir, journal.path, destination);
  const protector = options.protector ?? plainKeys;
  let pending = await pendingKey(options.keyDir, protector);
  // A run that died after recording its announcement but before retiring the old key: finish that.
  if (pending && journal.exportHistory(1)[0]?.nextKeyFingerprint === pending.fingerprint) {
    retireCurrentKey(options.keyDir);
    pending = undefined;
  }
  const key = await workstationKey(options.keyDir, { protector, bundlesSigned: journal.exportCount() });
  removeLeftovers(destination, options.workstation);

  // A bundle from a run that died after its rename is recorded now rather than written again.
  const adopted = await adoptOrphan(journal, destination, options.workstation, key, pending);
  if (adopted) {
    if (adopted.announcedKey) retireCurrentKey(options.keyDir);
    return adopted;
  }

  const cursor = journal.exportCursor();
  const toSeq = journal.lastSeq();
  const nothingNew = toSeq <= cursor && !pending;
  // Nothing is signed for a journal that is not whole: the anchors first (cheap, so always), then
  // chain and projections (a whole replay, so only when there is something to sign).
  await checkBeforeSigning(journal, options, { full: !nothingNew });
  if (nothingNew)
    return {
      bundle: null,
      path: null,
      fromSeq: cursor + 1,
      toSeq: cursor,
      events: 0,
      adopted: false,
      announcedKey: null,
    };
  const fromSeq = cursor + 1;
  const name = bundleName(options.workstation, fromSeq, toSeq);
  const final = path.join(destination, name);
  if (fs.existsSync(final)) {
    throw new ExportError('conflict', `${final} already exists but the journal has not recorded it as exported`);
  }

  const temp = path.join(destination, `${TEMP_PREFIX}${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    fs.mkdirSync(temp);
  } catch (err) {
    throw destinationError(err, destination);
  }
  try {
    const exportedAt = (options.now ?? (() => new Date()))().toISOString();
    const manifest = await writeContents(journal, temp, { ...options, workstation: options.workstation }, key, {
      fromSeq,
      toSeq,
      exportedAt,
      nextKey: pending ? { publicKeyPem: pending.publicKeyPem, fingerprint: pending.fingerprint } : undefined,
    });
    const bytes = manifestBytes(manifest);
    writeSmallFile(path.join(temp, MANIFEST_FILE), bytes);
    writeSmallFile(
      path.join(temp, SIGNATURE_FILE),
      Buffer.from(sign(null, bytes, key.privateKey).toString('base64') + '\n'),
    );
    syncFolder(temp);
    try {
      fs.renameSync(temp, final);
    } catch (err) {
      if (fs.existsSync(final)) {
        throw new ExportError('conflict', `another export wrote ${final} at the same time; this one was dropped`);
      }
      throw err;
    }
    syncFolder(destination);
    try {
      journal.recordExport({
        bundle: name,
        fromSeq,
        toSeq,
        events: manifest.counts.events,
        destination,
        at: exportedAt,
        endHash: manifest.chain.endHash,
        keyFingerprint: key.fingerprint,
        nextKeyFingerprint: pending?.fingerprint ?? null,
      });
    } catch (err) {
      // Another export (the command line beside the app, say) recorded part of this range first:
      // this bundle would send those events twice, so it goes.
      if (err instanceof JournalRefusal && err.code === 'stale') {
        // Unless that other run found this very bundle in place and recorded it: then it is sent.
        const recorded = journal.exportHistory(20).some((h) => h.bundle === name && h.toSeq === toSeq);
        if (recorded)
          return {
            bundle: name,
            path: final,
            fromSeq,
            toSeq,
            events: manifest.counts.events,
            adopted: true,
            announcedKey: pending?.fingerprint ?? null,
          };
        fs.rmSync(final, { recursive: true, force: true });
        syncFolder(destination);
        throw new ExportError(
          'conflict',
          `another export ran at the same time (${err.message}); ${name} was withdrawn`,
        );
      }
      throw err;
    }
    // The announcement is at the destination and recorded: from now on the new key signs.
    if (pending) retireCurrentKey(options.keyDir);
    return {
      bundle: name,
      path: final,
      fromSeq,
      toSeq,
      events: manifest.counts.events,
      adopted: false,
      announcedKey: pending?.fingerprint ?? null,
    };
  } catch (err) {
    fs.rmSync(temp, { recursive: true, force: true });
    if (err instanceof ExportError) throw err;
    if ((err as NodeJS.ErrnoException).code !== undefined && (err as NodeJS.ErrnoException).syscall !== undefined) {
      throw destinationError(err, destination);
    }
    throw err;
  }
}

/** Refuse to sign a journal that no longer holds its anchors, or whose chain or projections are broken. */
async function checkBeforeSigning(
  journal: ExportingJournal,
  options: ExportOptions,
  how: { full: boolean },
): Promise<void> {
  const lost = checkRecordedAnchors(journal);
  if (lost) {
    throw new ExportError('refused', `the journal does not hold what it exported: ${lost.problem}; nothing was signed`);
  }
  if (!how.full) return;
  const report = await (options.verifyJournal ?? (() => Promise.resolve(journal.verify())))();
  if (!report.ok) {
    throw new ExportError(
      'refused',
      `the journal is broken at seq ${report.firstBadSeq ?? '?'} (${report.problem ?? 'verify failed'}); nothing was exported or signed`,
    );
  }
}

/** What the journal hashed of an event (./journal/rows hashedOf), from its record. */
function hashedOfRecord(r: EventRecord): HashedEvent {
  const h: HashedEvent = {
    seq: r.seq,
    eventId: r.eventId,
    type: r.type,
    orderId: r.orderId,
    initiatedBy: r.initiatedBy,
    timestamp: r.timestamp,
    data: r.data,
    recordedAt: r.recordedAt,
    source: r.source,
    ruleSet: r.ruleSetId,
  };
  if (r.traceId !== undefined) h.traceId = r.traceId;
  return h;
}

function checkDestination(destination: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(destination);
  } catch (err) {
    throw destinationError(err, destination);
  }
  if (!stat.isDirectory()) {
    throw new ExportError('destination', `the export destination ${destination} is a file, not a folder`);
  }
}

/**
 * Temporary folders of this workstation's earlier runs that died (kill -9, power cut): never
 * bundles, so removed. One whose writer is still alive on this machine is left to it.
 */
function removeLeftovers(destination: string, workstation: string): void {
  const mine = `${TEMP_PREFIX}${workstation}_`;
  for (const entry of fs.readdirSync(destination)) {
    if (!entry.startsWith(mine)) continue;
    const pid = Number(/-(\d+)-[0-9a-f]+$/.exec(entry)?.[1]);
    if (pid !== process.pid && isAlive(pid)) continue;
    fs.rmSync(path.join(destination, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function adoptOrphan(
  journal: ExportingJournal,
  destination: string,
  workstation: string,
  key: WorkstationKey,
  pending: WorkstationKey | undefined,
): Promise<ExportOutcome | undefined> {
  const cursor = journal.exportCursor();
  const prefix = bundlePrefix(workstation, cursor + 1);
  // An empty announcement already recorded starts at the cursor + 1 too: it is not an orphan.
  const recorded = new Set(journal.exportHistory(5).map((h) => h.bundle));
  const found = fs.readdirSync(destination).filter((e) => e.startsWith(prefix) && !recorded.has(e));
  const name = found[0];
  if (name === undefined) return undefined;
  const range = parseBundleName(name);
  const bundleDir = path.join(destination, name);
  if (found.length > 1 || !range || range.toSeq > journal.lastSeq() || range.toSeq < range.fromSeq - 1) {
    throw new ExportError(
      'conflict',
      `${bundleDir} starts at seq ${cursor + 1} but does not match this journal: move it away and export again`,
    );
  }
  const report = await verifyExport(bundleDir, key.publicKeyPem);
  const manifest = report.manifest;
  if (
    !report.ok ||
    !manifest ||
    manifest.chain.startHash !== journal.chainHash(range.fromSeq - 1) ||
    manifest.chain.endHash !== journal.chainHash(range.toSeq) ||
    (manifest.nextKey !== undefined && manifest.nextKey.fingerprint !== pending?.fingerprint)
  ) {
    const why = report.problems[0] ?? 'its chain hashes are not this journal’s';
    throw new ExportError(
      'conflict',
      `${bundleDir} starts at seq ${cursor + 1} but does not check out (${why}): move it away and export again`,
    );
  }
  journal.recordExport({
    bundle: name,
    fromSeq: range.fromSeq,
    toSeq: range.toSeq,
    events: manifest.counts.events,
    destination,
    at: manifest.exportedAt,
    endHash: manifest.chain.endHash,
    keyFingerprint: key.fingerprint,
    nextKeyFingerprint: manifest.nextKey?.fingerprint ?? null,
  });
  return {
    bundle: name,
    path: bundleDir,
    fromSeq: range.fromSeq,
    toSeq: range.toSeq,
    events: manifest.counts.events,
    adopted: true,
    announcedKey: manifest.nextKey?.fingerprint ?? null,
  };
}

async function writeContents(
  journal: ExportingJournal,
  dir: string,
  options: ExportOptions,
  key: WorkstationKey,
  range: { fromSeq: number; toSeq: number; exportedAt: string; nextKey: NextKey | undefined },
): Promise<Manifest> {
  const { fromSeq, toSeq } = range;
  const startHash = journal.chainHash(fromSeq - 1);
  const events = await writeEvents(journal, path.join(dir, EVENTS_FILE), fromSeq, toSeq, startHash, options);
  // The first bundle holds every order and anomaly; every later one only what its range changed
  // (format 3): the orders with an event in it and the anomalies it flagged or resolved.
  const orders = await writeOrders(journal, path.join(dir, ORDERS_FILE), range, options.signal);
  const anomalies = await writeAnomalies(journal, path.join(dir, ANOMALIES_FILE), range, options.signal);
  return {
    format: FORMAT,
    workstation: options.workstation,
    exportedAt: range.exportedAt,
    fromSeq,
    toSeq,
    counts: { events: events.count, orders: orders.count, anomalies: anomalies.count },
    files: { [EVENTS_FILE]: events.file, [ORDERS_FILE]: orders.file, [ANOMALIES_FILE]: anomalies.file },
    chain: { startHash, endHash: events.endHash },
    // An empty range (a key announcement) names the rule set in force for the next event.
    ruleSets: rulesInForce(journal.ruleSetHistory(), fromSeq, Math.max(fromSeq, toSeq)),
    keyFingerprint: key.fingerprint,
    ...(range.nextKey ? { nextKey: range.nextKey } : {}),
  };
}

/** One line per event: the record as the journal holds it, with its hash and its predecessor's. */
export function eventLine(record: EventRecord, hash: string, prevHash: string): string {
  return JSON.stringify({ ...record, hash, prevHash }) + '\n';
}

/** Hashes read per query while writing the events. */
const HASH_STRETCH = 10_000;

async function writeEvents(
  journal: ExportingJournal,
  file: string,
  fromSeq: number,
  toSeq: number,
  startHash: string,
  options: ExportOptions,
) {
  const sink = new FileSink(file, { gzip: true });
  let prevHash = startHash;
  let expected = fromSeq;
  // The events' hashes, read a stretch at a time beside them (a query per event cost a third of an export).
  let hashes: string[] = [];
  let hashesFrom = fromSeq;
  try {
    for (const record of journal.iterateEvents(fromSeq - 1, toSeq)) {
      // The journal never skips a seq; if it ever did, the bundle would silently lose an event.
      if (record.seq !== expected) throw new Error(`the journal skipped from seq ${expected - 1} to ${record.seq}`);
      if (record.seq >= hashesFrom + hashes.length) {
        hashesFrom = record.seq;
        hashes = journal.chainHashes(record.seq, Math.min(toSeq, record.seq + HASH_STRETCH - 1));
      }
      const hash = hashes[record.seq - hashesFrom]!;
      // Recomputed from the anchor on: a stored hash that does not match its event is never signed.
      if (eventHash(prevHash, hashedOfRecord(record)) !== hash) {
        throw new ExportError(
          'refused',
          `the journal is broken at seq ${record.seq}: its hash does not match its content; nothing was exported or signed (run verify)`,
        );
      }
      await sink.write(eventLine(record, hash, prevHash));
      prevHash = hash;
      expected += 1;
      if ((expected - fromSeq) % 1000 === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.(expected - fromSeq, toSeq - fromSeq + 1);
      }
    }
    if (expected !== toSeq + 1) throw new Error(`the journal ended at seq ${expected - 1}, before seq ${toSeq}`);
    const written = await sink.close();
    options.onProgress?.(toSeq - fromSeq + 1, toSeq - fromSeq + 1);
    return { count: toSeq - fromSeq + 1, file: written, endHash: prevHash };
  } catch (err) {
    sink.abandon();
    throw err;
  }
}

export const ORDER_COLUMNS = [
  'orderId',
  'status',
  'customer',
  'lastSeq',
  'lastEventAt',
  'eventCount',
  'openAnomalies',
  'created',
  'beforeHold',
  'lines',
  'picked',
] as const;

function orderRow(o: OrderRecord): string {
  return csvRow([
    o.orderId,
    o.status,
    o.customer,
    o.lastSeq,
    o.lastEventAt,
    o.eventCount,
    o.openAnomalies,
    o.created,
    o.beforeHold,
    // Lines and picks as compact JSON: one cell each, readable, and exact.
    JSON.stringify(o.lines),
    JSON.stringify(o.picked),
  ]);
}

/** Rows written between checks for a cancel. */
const CHECK_EVERY = 1000;

async function writeOrders(
  journal: ExportingJournal,
  file: string,
  range: { fromSeq: number; toSeq: number },
  signal?: AbortSignal,
) {
  const sink = new FileSink(file);
  let count = 0;
  try {
    await sink.write(csvRow(ORDER_COLUMNS));
    if (range.fromSeq > 1) {
      for (const o of journal.ordersChangedIn(range.fromSeq, range.toSeq)) {
        await sink.write(orderRow(o));
        if (++count % CHECK_EVERY === 0) signal?.throwIfAborted();
      }
      return { count, file: await sink.close() };
    }
    let after: string | undefined;
    for (;;) {
      const page = journal.orders(after === undefined ? { limit: PAGE } : { afterOrderId: after, limit: PAGE });
      for (const o of page) await sink.write(orderRow(o));
      count += page.length;
      signal?.throwIfAborted();
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.orderId;
    }
    return { count, file: await sink.close() };
  } catch (err) {
    sink.abandon();
    throw err;
  }
}

export const ANOMALY_COLUMNS = [
  'id',
  'seq',
  'eventId',
  'orderId',
  'type',
  'timestamp',
  'initiatorId',
  'initiatorName',
  'initiatorRole',
  'kind',
  'severity',
  'open',
  'resolvedBySeq',
  'message',
] as const;

function anomalyRow(a: AnomalyRecord): string {
  return csvRow([
    a.id,
    a.seq,
    a.eventId,
    a.orderId,
    a.type,
    a.timestamp,
    a.initiatedBy.id,
    a.initiatedBy.name,
    a.initiatedBy.role,
    a.kind,
    a.severity,
    a.open,
    a.resolvedBySeq,
    a.message,
  ]);
}

/** Every anomaly (the first bundle) or those its range flagged or resolved, newest first (the journal's own order). */
async function writeAnomalies(
  journal: ExportingJournal,
  file: string,
  range: { fromSeq: number; toSeq: number },
  signal?: AbortSignal,
) {
  const sink = new FileSink(file);
  let count = 0;
  try {
    await sink.write(csvRow(ANOMALY_COLUMNS));
    if (range.fromSeq > 1) {
      for (const a of journal.anomaliesTouchedIn(range.fromSeq, range.toSeq)) {
        await sink.write(anomalyRow(a));
        if (++count % CHECK_EVERY === 0) signal?.throwIfAborted();
      }
      return { count, file: await sink.close() };
    }
    let before: number | undefined;
    for (;;) {
      const page = journal.anomalies(before === undefined ? { limit: PAGE } : { beforeId: before, limit: PAGE });
      for (const a of page) await sink.write(anomalyRow(a));
      count += page.length;
      signal?.throwIfAborted();
      if (page.length < PAGE) break;
      before = page[page.length - 1]!.id;
    }
    return { count, file: await sink.close() };
  } catch (err) {
    sink.abandon();
    throw err;
  }
}

/**
 * The rule sets that checked events of the range. One activated by the event at seq S checks the
 * events from S + 1 on (S itself was checked by its predecessor), until the next activation.
 */
export function rulesInForce(history: readonly ActiveRuleSet[], fromSeq: number, toSeq: number): Manifest['ruleSets'] {
  return history
    .filter((rs, i) => {
      const first = (rs.activatedAtSeq ?? 0) + 1;
      const next = history[i + 1];
      const last = next ? (next.activatedAtSeq ?? 0) : Number.POSITIVE_INFINITY;
      return first <= toSeq && last >= fromSeq;
    })
    .map((rs) => ({ key: rs.key, hash: rs.hash, activatedAtSeq: rs.activatedAtSeq }));
}
