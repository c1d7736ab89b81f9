/**
 * Corporate's tests: a database of this test file's own on the run's PostgreSQL server, and
 * bundles written by the real export from real journals (with a key rotation built by hand, the
 * way a workstation announces its next key).
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, inject } from 'vitest';
import { migrate } from '../../electron/corporate/schema';
import { openServer, type CorporateDb } from '../../electron/corporate/db';
import { exportBundle } from '../../electron/export/exportBundle';
import { keyFingerprint, PRIVATE_KEY_FILE, workstationKey } from '../../electron/export/keys';
import { manifestBytes, type Manifest } from '../../electron/export/manifest';
import { Journal } from '../../electron/journal';
import { eventHash, type HashedEvent } from '../../electron/journal/hash';
import { createDatabase } from '../pg/server';
import { addOrders } from '../export/helpers';

/** A fresh database with corporate's schema, dropped when the file's tests are done. */
export async function corporateDatabase(): Promise<{ db: CorporateDb; url: string }> {
  const created = await createDatabase(inject('pgAdminUrl'));
  const db = await openServer(created.url);
  await migrate(db);
  afterAll(async () => {
    await db.close();
    await created.drop();
  });
  return { db, url: created.url };
}

/** A workstation: its journal, its key folder, and where its bundles land. */
export class Workstation {
  readonly journal: Journal;
  /** The number of the next order `bundle` adds (orders repeat their pattern every 15). */
  next = 0;
  constructor(
    readonly root: string,
    readonly name: string,
    public keyDir = path.join(root, `${name}-key`),
    readonly destination = path.join(root, 'bundles'),
  ) {
    fs.mkdirSync(destination, { recursive: true });
    this.journal = Journal.open(path.join(root, `${name}-${Math.random().toString(36).slice(2, 8)}.db`));
  }

  /** The workstation's public key (made on first use, as the first export would). */
  async publicKeyPem(): Promise<string> {
    return (await workstationKey(this.keyDir)).publicKeyPem;
  }

  /** `orders` more orders recorded, then one bundle of them exported: its folder. */
  async bundle(orders = 5): Promise<string> {
    addOrders(this.journal, orders, this.next);
    this.next += orders;
    const r = await exportBundle(this.journal, {
      destination: this.destination,
      workstation: this.name,
      keyDir: this.keyDir,
    });
    return r.path!;
  }

  close(): void {
    this.journal.close();
  }
}

/**
 * Turn `bundleDir` into a rotation bundle: announcing a new key (format 2 on; a format-1 bundle
 * becomes format 2), signed (as before) with the workstation's current key. The workstation signs
 * with the new key from then on.
 */
export function announceNewKey(station: Workstation, bundleDir: string): { fingerprint: string } {
  const oldKey = createPrivateKey(fs.readFileSync(path.join(station.keyDir, PRIVATE_KEY_FILE), 'utf8'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const manifest = JSON.parse(fs.readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8')) as Manifest;
  const rotated: Manifest = {
    ...manifest,
    format: manifest.format === 'warehouse-ledger-export/1' ? 'warehouse-ledger-export/2' : manifest.format,
    nextKey: { publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) },
  };
  resign(bundleDir, rotated, oldKey);
  const newDir = `${station.keyDir}-next`;
  fs.mkdirSync(newDir, { recursive: true });
  fs.writeFileSync(
    path.join(newDir, PRIVATE_KEY_FILE),
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    {
      mode: 0o600,
    },
  );
  station.keyDir = newDir;
  return { fingerprint: keyFingerprint(publicKeyPem) };
}

/** Write `manifest` into the bundle and sign it with `key` (a forger with the key, or a rotation). */
export function resign(bundleDir: string, manifest: Manifest, key: ReturnType<typeof createPrivateKey>): void {
  const bytes = manifestBytes(manifest);
  fs.writeFileSync(path.join(bundleDir, 'manifest.json'), bytes);
  fs.writeFileSync(path.join(bundleDir, 'manifest.sig'), sign(null, bytes, key).toString('base64') + '\n');
}

export async function count(db: CorporateDb, table: string, workstation?: string): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${table}${workstation ? ' WHERE workstation = $1' : ''}`,
    workstation ? [workstation] : [],
  );
  return r!.n;
}

/**
 * Rewrite a bundle's events with `change` applied to each parsed line, then make it whole again
 * as its workstation would have: hashes recomputed along the chain, the manifest's file entries
 * and end hash updated, signed with the workstation's key. It verifies; what it says is up to `change`.
 */
export function rewriteEvents(
  bundleDir: string,
  keyDir: string,
  change: (event: Record<string, unknown>, index: number) => void,
): void {
  const file = path.join(bundleDir, 'events.ndjson.gz');
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
  const manifest = JSON.parse(fs.readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8')) as Manifest;
  let prev = manifest.chain.startHash;
  const out = lines.map((line, i) => {
    const e = JSON.parse(line) as Record<string, unknown> & Omit<HashedEvent, 'ruleSet'> & { ruleSetId: string };
    change(e, i);
    const hashed: HashedEvent = {
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
      ...(e.traceId === undefined ? {} : { traceId: e.traceId }),
    };
    const hash = eventHash(prev, hashed);
    const text = JSON.stringify({ ...e, hash, prevHash: prev });
    prev = hash;
    return text + '\n';
  });
  const gz = zlib.gzipSync(out.join(''));
  fs.writeFileSync(file, gz);
  manifest.files['events.ndjson.gz'] = { sha256: createHash('sha256').update(gz).digest('hex'), bytes: gz.length };
  manifest.chain.endHash = prev;
  resign(bundleDir, manifest, createPrivateKey(fs.readFileSync(path.join(keyDir, PRIVATE_KEY_FILE), 'utf8')));
}
