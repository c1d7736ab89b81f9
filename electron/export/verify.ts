/**
 * Corporate's check of a bundle: the signature over the manifest's exact bytes, every file's
 * hash and size, the counts, the hash chain inside events.ndjson.gz recomputed exactly as the
 * journal computes it, and (given the previous bundle) that this one starts where that one ended.
 * Every problem found is listed, in words naming the file and the line.
 */
import { createHash, createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { canonicalJson } from '../../shared/events/canonical';
import { GENESIS_HASH, eventHash, type HashedEvent } from '../journal/hash';
import { readCsvFile } from '../import/csv';
import { keyFingerprint } from './keys';
import {
  ANOMALIES_FILE,
  DATA_FILES,
  EVENTS_FILE,
  MANIFEST_FILE,
  ORDERS_FILE,
  FORMAT_1,
  SIGNATURE_FILE,
  bundleName,
  listBundles,
} from './layout';
import { manifestSchema, type Manifest, type NextKey } from './manifest';

/** Where the bundle before this one ended: read from its folder, or from what corporate received. */
export interface ChainEnd {
  workstation: string;
  toSeq: number;
  endHash: string;
}

export interface VerifyOptions {
  /**
   * Called with each event line as it is checked, in order (corporate loads them as they pass):
   * believe them only if the check comes back `ok`. Awaited, so a slow consumer slows the reading.
   * `dataJson` is the event's data as canonical JSON, made for its hash anyway.
   */
  onEvent?: (event: EventLine, dataJson: string) => void | Promise<void>;
}

export interface ExportCheck {
  ok: boolean;
  problems: string[];
  /** The manifest, when it could be read (believe it only when `ok`). */
  manifest?: Manifest;
  /**
   * The public key (PEM) the workstation's next bundle must be signed with: the bundle's
   * `nextKey` when it announced one, else the key it was checked with.
   */
  nextTrustedKey?: string;
}

/** Enough to say what is wrong without flooding the report when a whole file is bad. */
const MAX_PROBLEMS = 50;

/**
 * Check one bundle. `publicKeyPem` is the key trusted for the first bundle named. Given the
 * previous bundle's folder, that is the previous one's key (and this bundle must be signed by
 * the previous one's `nextKey` if it announced one); given where the previous bundle ended (what
 * corporate received), it is this bundle's key, the receiver having followed any rotation itself.
 */
export async function verifyExport(
  bundleDir: string,
  publicKeyPem: string,
  previous?: string | ChainEnd,
  options: VerifyOptions = {},
): Promise<ExportCheck> {
  const problems: string[] = [];
  const add = (p: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  let before: ChainEnd | undefined = typeof previous === 'string' ? undefined : previous;
  let trusted = publicKeyPem;
  if (typeof previous === 'string') {
    const prevKey = readKey(publicKeyPem, (p) => add(`previous bundle: ${p}`));
    const prior = readManifest(previous, prevKey, publicKeyPem, (p) => add(`previous bundle: ${p}`));
    if (prior) before = { workstation: prior.workstation, toSeq: prior.toSeq, endHash: prior.chain.endHash };
    // The previous bundle vouched for the key of this one: the old key no longer counts.
    if (prior?.nextKey) trusted = prior.nextKey.publicKeyPem;
  }
  const check = await checkBundle(bundleDir, trusted, add, true, options.onEvent);
  if (before && check.manifest) continuityProblems(check.manifest, before).forEach(add);
  return { ok: problems.length === 0, problems, ...check };
}

function readKey(publicKeyPem: string, add: (p: string) => void): KeyObject | undefined {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType === 'ed25519') return key;
    add(`the public key is a ${key.asymmetricKeyType ?? 'unknown'} key, not an Ed25519 key`);
  } catch (err) {
    add(`the public key cannot be read: ${(err as Error).message}`);
  }
  return undefined;
}

async function checkBundle(
  bundleDir: string,
  publicKeyPem: string,
  add: (p: string) => void,
  contents = true,
  onEvent?: VerifyOptions['onEvent'],
): Promise<{ manifest?: Manifest; nextTrustedKey?: string }> {
  const name = path.basename(path.resolve(bundleDir));
  const key = readKey(publicKeyPem, add);
  const manifest = readManifest(bundleDir, key, publicKeyPem, add);
  if (!manifest) return {};

  if (name !== bundleName(manifest.workstation, manifest.fromSeq, manifest.toSeq)) {
    add(
      `the bundle folder is named ${name} but its manifest says ${bundleName(manifest.workstation, manifest.fromSeq, manifest.toSeq)}`,
    );
  }
  const empty = manifest.toSeq === manifest.fromSeq - 1;
  if (manifest.toSeq < manifest.fromSeq - 1 || (empty && manifest.format === FORMAT_1))
    add(`${MANIFEST_FILE}: toSeq ${manifest.toSeq} is before fromSeq ${manifest.fromSeq}`);
  if (empty && manifest.format !== FORMAT_1 && !manifest.nextKey) {
    add(`${MANIFEST_FILE}: the bundle holds no events and announces no key: an empty bundle only announces a key`);
  }
  if (manifest.format === FORMAT_1 && manifest.nextKey) {
    add(`${MANIFEST_FILE}: a ${FORMAT_1} bundle cannot announce a key (nextKey came with format 2)`);
  }
  if (key && manifest.keyFingerprint !== keyFingerprint(publicKeyPem)) {
    add(`${MANIFEST_FILE}: keyFingerprint names another key than the one it must be signed with`);
  }
  if (manifest.nextKey) checkNextKey(manifest.nextKey, publicKeyPem, add);
  if (manifest.counts.events !== manifest.toSeq - manifest.fromSeq + 1) {
    add(
      `${MANIFEST_FILE}: counts.events is ${manifest.counts.events} but seq ${manifest.fromSeq}–${manifest.toSeq} is ${manifest.toSeq - manifest.fromSeq + 1} events`,
    );
  }
  if (manifest.fromSeq === 1 && manifest.chain.startHash !== GENESIS_HASH) {
    add(`${MANIFEST_FILE}: the first bundle of a journal must start from the genesis hash`);
  }

  // The signed manifest alone is the anchor (its seqs, hashes and keys); the files are read only when asked.
  if (!contents) return { manifest, nextTrustedKey: manifest.nextKey?.publicKeyPem ?? publicKeyPem };

  // Nothing in the folder that the manifest does not account for.
  const expected = new Set<string>([...DATA_FILES, MANIFEST_FILE, SIGNATURE_FILE]);
  for (const listed of Object.keys(manifest.files)) {
    if (!(DATA_FILES as readonly string[]).includes(listed)) add(`${MANIFEST_FILE} lists an unknown file ${listed}`);
  }
  for (const entry of fs.readdirSync(bundleDir)) {
    if (!expected.has(entry)) add(`${entry} is in the bundle but not part of the format`);
  }

  for (const file of DATA_FILES) {
    const entry = manifest.files[file];
    if (!entry) {
      add(`${MANIFEST_FILE} does not list ${file}`);
      continue;
    }
    const full = path.join(bundleDir, file);
    if (!fs.existsSync(full)) {
      add(`${file} is missing`);
      continue;
    }
    const actual = await fileDigest(full);
    if (actual.bytes !== entry.bytes) add(`${file} is ${actual.bytes} bytes but the manifest says ${entry.bytes}`);
    if (actual.sha256 !== entry.sha256) add(`${file} does not match its sha256 in the manifest: it was changed`);
  }

  if (fs.existsSync(path.join(bundleDir, EVENTS_FILE)))
    await checkEvents(path.join(bundleDir, EVENTS_FILE), manifest, add, onEvent);
  await checkCsvCount(bundleDir, ORDERS_FILE, manifest.counts.orders, add);
  await checkCsvCount(bundleDir, ANOMALIES_FILE, manifest.counts.anomalies, add);
  return { manifest, nextTrustedKey: manifest.nextKey?.publicKeyPem ?? publicKeyPem };
}

/** The announced key must be an Ed25519 key, named by its true fingerprint, and a new one. */
function checkNextKey(next: NextKey, signingPem: string, add: (p: string) => void): void {
  let fingerprint: string;
  try {
    if (createPublicKey(next.publicKeyPem).asymmetricKeyType !== 'ed25519') {
      add(`${MANIFEST_FILE}: nextKey is not an Ed25519 public key`);
      return;
    }
    fingerprint = keyFingerprint(next.publicKeyPem);
  } catch (err) {
    add(`${MANIFEST_FILE}: nextKey.publicKeyPem cannot be read: ${(err as Error).message}`);
    return;
  }
  if (fingerprint !== next.fingerprint) {
    add(`${MANIFEST_FILE}: nextKey.fingerprint is not the fingerprint of nextKey.publicKeyPem`);
  }
  let signing: string | undefined;
  try {
    signing = keyFingerprint(signingPem);
  } catch {
    // Already reported as an unreadable key.
  }
  if (fingerprint === signing) add(`${MANIFEST_FILE}: nextKey announces the key the bundle is signed with`);
}

/** What is wrong with `manifest` as the bundle right after `previous` (nothing: it continues it). */
export function continuityProblems(manifest: Manifest, previous: ChainEnd): string[] {
  const problems: string[] = [];
  if (previous.workstation !== manifest.workstation) {
    problems.push(
      `the previous bundle is from workstation ${previous.workstation}, this one from ${manifest.workstation}`,
    );
  }
  if (manifest.fromSeq !== previous.toSeq + 1) {
    problems.push(
      `this bundle starts at seq ${manifest.fromSeq} but the previous one ended at seq ${previous.toSeq}: ` +
        (manifest.fromSeq > previous.toSeq + 1 ? 'events are missing between them' : 'they overlap'),
    );
  }
  if (manifest.chain.startHash !== previous.endHash) {
    problems.push("this bundle's start hash is not the previous bundle's end hash: the chain does not continue");
  }
  return problems;
}

/** The manifest, if it is there, signed by `key`, and well-formed; problems reported otherwise. */
function readManifest(
  bundleDir: string,
  key: KeyObject | undefined,
  publicKeyPem: string,
  add: (p: string) => void,
): Manifest | undefined {
  if (!fs.existsSync(bundleDir) || !fs.statSync(bundleDir).isDirectory()) {
    add(`${bundleDir} is not a bundle folder`);
    return undefined;
  }
  const manifestPath = path.join(bundleDir, MANIFEST_FILE);
  const sigPath = path.join(bundleDir, SIGNATURE_FILE);
  if (!fs.existsSync(manifestPath)) {
    add(`${MANIFEST_FILE} is missing`);
    return undefined;
  }
  const bytes = fs.readFileSync(manifestPath);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    add(`${MANIFEST_FILE} is not valid JSON: ${(err as Error).message}`);
  }
  const manifest = parsed === undefined ? undefined : manifestSchema.safeParse(parsed);
  if (manifest && !manifest.success) {
    const issue = manifest.error.issues[0];
    add(`${MANIFEST_FILE}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  if (!fs.existsSync(sigPath)) {
    add(`${SIGNATURE_FILE} is missing`);
  } else if (key) {
    // Exactly one line of canonical base64: lenient decoding would let some changed bytes through.
    const text = fs.readFileSync(sigPath, 'utf8');
    const signature = Buffer.from(text.trimEnd(), 'base64');
    if (text !== `${signature.toString('base64')}\n`) {
      add(`${SIGNATURE_FILE} is not one line of base64: it was changed`);
    } else if (!verifySignature(null, bytes, key, signature)) {
      const claimed = manifest?.success ? manifest.data.keyFingerprint : undefined;
      add(
        claimed !== undefined && claimed !== keyFingerprint(publicKeyPem)
          ? `${SIGNATURE_FILE}: the manifest was signed with another key (another workstation's?), not the one given`
          : `${SIGNATURE_FILE}: the signature does not match the manifest: the manifest or its signature was changed`,
      );
    }
  }
  return manifest?.success ? manifest.data : undefined;
}

async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export interface EventLine {
  seq: number;
  eventId: string;
  type: string;
  orderId: string;
  traceId?: string;
  initiatedBy: HashedEvent['initiatedBy'];
  timestamp: string;
  data: unknown;
  recordedAt: string;
  source: string;
  ruleSetId: string;
  hash: string;
  prevHash: string;
}

/** What the journal hashes of an event, rebuilt from its exported line (./journal/rows hashedOf). */
function hashedOfLine(e: EventLine): HashedEvent {
  const h: HashedEvent = {
    seq: e.seq,
    eventId: e.eventId,
    type: e.type,
    orderId: e.orderId,
    initiatedBy: e.initiatedBy,
    timestamp: e.timestamp,
    data: e.data,
    recordedAt: e.recordedAt,
    source: e.source,
    ruleSet: e.ruleSetId,
  };
  if (e.traceId !== undefined) h.traceId = e.traceId;
  return h;
}

async function checkEvents(
  file: string,
  manifest: Manifest,
  add: (p: string) => void,
  onEvent?: VerifyOptions['onEvent'],
): Promise<void> {
  const ruleKeys = new Set(manifest.ruleSets.map((r) => r.key));
  let prev = manifest.chain.startHash;
  let expectedSeq = manifest.fromSeq;
  let count = 0;
  let lineNo = 0;
  const gunzip = createGunzip();
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(gunzip), crlfDelay: Infinity });
  let broken = false;
  try {
    for await (const line of lines) {
      lineNo += 1;
      if (broken) continue;
      const where = `${EVENTS_FILE} line ${lineNo}`;
      let e: EventLine;
      try {
        e = JSON.parse(line) as EventLine;
      } catch {
        add(`${where} is not valid JSON`);
        broken = true;
        continue;
      }
      count += 1;
      if (typeof e !== 'object' || e === null || typeof e.seq !== 'number' || typeof e.hash !== 'string') {
        add(`${where} is not an exported event (no seq or hash)`);
        broken = true;
        continue;
      }
      if (e.seq !== expectedSeq) {
        add(`${where} is seq ${e.seq} where seq ${expectedSeq} was expected: events are missing or out of order`);
      }
      if (e.prevHash !== prev)
        add(`${where} (seq ${e.seq}): its previous hash is not the hash before it: the chain is broken`);
      const dataJson = canonicalJson(e.data);
      if (eventHash(e.prevHash, hashedOfLine(e), dataJson) !== e.hash) {
        add(`${where} (seq ${e.seq}): its hash does not match its content: the event was changed`);
      }
      if (!ruleKeys.has(e.ruleSetId)) add(`${where} (seq ${e.seq}): rule set ${e.ruleSetId} is not in the manifest`);
      prev = e.hash;
      expectedSeq = e.seq + 1;
      if (onEvent) await onEvent(e, dataJson);
    }
  } catch (err) {
    add(`${EVENTS_FILE} cannot be read to the end (after line ${lineNo}): ${(err as Error).message}`);
    return;
  }
  if (broken) return;
  if (count !== manifest.counts.events)
    add(`${EVENTS_FILE} holds ${count} events but the manifest says ${manifest.counts.events}`);
  if (expectedSeq - 1 !== manifest.toSeq)
    add(`${EVENTS_FILE} ends at seq ${expectedSeq - 1} but the manifest says ${manifest.toSeq}`);
  if (prev !== manifest.chain.endHash) add(`${EVENTS_FILE}: the last event's hash is not the manifest's end hash`);
}

async function checkCsvCount(
  bundleDir: string,
  file: string,
  expected: number,
  add: (p: string) => void,
): Promise<void> {
  const full = path.join(bundleDir, file);
  if (!fs.existsSync(full)) return;
  try {
    let records = 0;
    for await (const _record of readCsvFile(full)) records += 1;
    const rows = Math.max(0, records - 1);
    if (rows !== expected) add(`${file} holds ${rows} rows but the manifest says ${expected}`);
  } catch (err) {
    add(`${file} is not valid CSV: ${(err as Error).message}`);
  }
}

export interface SeriesCheck {
  ok: boolean;
  /** Every bundle checked, in order, with what was wrong with it. */
  bundles: { name: string; ok: boolean; problems: string[] }[];
  /** The key the workstation's next bundle must be signed with (after every rotation seen). */
  nextTrustedKey: string;
}

/**
 * Every bundle of one workstation in `folder`, in order, each continuing the one before and
 * signed by the key trusted at its point: `firstKeyPem` for the first, then whatever each
 * verified `nextKey` announced. A bundle that fails stops the trust from moving on, so the
 * ones after it are checked against the key as it stood.
 */
export async function verifyBundleSeries(
  folder: string,
  workstation: string,
  firstKeyPem: string,
  /** `contents: false` checks the signed manifests only (their seqs, hashes and keys), not the files. */
  options: { contents?: boolean } = {},
): Promise<SeriesCheck> {
  const names = listBundles(folder, workstation);
  const bundles: SeriesCheck['bundles'] = [];
  let trusted = firstKeyPem;
  let previous: string | undefined;
  for (const name of names) {
    const dir = path.join(folder, name);
    const problems: string[] = [];
    const check = await checkBundle(
      dir,
      trusted,
      (p) => problems.length < MAX_PROBLEMS && problems.push(p),
      options.contents ?? true,
    );
    const prev = previous === undefined ? undefined : readManifest(previous, undefined, trusted, () => {});
    if (prev && check.manifest) {
      if (check.manifest.fromSeq !== prev.toSeq + 1 || check.manifest.chain.startHash !== prev.chain.endHash) {
        problems.push(
          `it does not continue ${path.basename(previous!)} (which ends at seq ${prev.toSeq}): ` +
            (check.manifest.fromSeq > prev.toSeq + 1
              ? 'events are missing between them'
              : 'the chain does not continue'),
        );
      }
    }
    bundles.push({ name, ok: problems.length === 0, problems });
    if (problems.length === 0 && check.nextTrustedKey) trusted = check.nextTrustedKey;
    previous = dir;
  }
  return { ok: bundles.every((b) => b.ok), bundles, nextTrustedKey: trusted };
}
