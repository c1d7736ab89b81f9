/**
 * Receiving bundles on a real PostgreSQL server: loaded whole or not at all, the same bundle
 * twice changes nothing, and every refusal (unknown workstation, tampered, gap, fork, a wrong or
 * rotated key) says which and leaves the database as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorporateDb } from '../../electron/corporate/db';
import { BundleRefused, receiveBundle } from '../../electron/corporate/receive';
import { corporateStatus } from '../../electron/corporate/status';
import { trustWorkstation } from '../../electron/corporate/trust';
import { bundleEvents, copyBundle } from '../export/helpers';
import { announceNewKey, corporateDatabase, count, Workstation } from './helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-receive-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let db: CorporateDb;
beforeAll(async () => {
  ({ db } = await corporateDatabase());
});

async function refusal(p: Promise<unknown>): Promise<BundleRefused> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleRefused);
  return err as BundleRefused;
}

/** Everything corporate holds, to show that a refusal changed none of it. */
async function snapshot(): Promise<unknown> {
  const tables = ['workstations', 'workstation_keys', 'bundles', 'events', 'orders', 'anomalies'];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(db, t)])));
}

describe('corporate receive', () => {
  it('loads bundles in order, and the same bundle again changes nothing', async () => {
    const dock = new Workstation(root, 'DOCK-1');
    const b1 = await dock.bundle(12);
    const b2 = await dock.bundle(6);
    await trustWorkstation(db, 'DOCK-1', await dock.publicKeyPem());
    const r1 = await receiveBundle(db, b1);
    expect(r1).toMatchObject({ outcome: 'received', workstation: 'DOCK-1', fromSeq: 1 });
    const r2 = await receiveBundle(db, b2);
    expect(r2).toMatchObject({ outcome: 'received', fromSeq: r1.toSeq + 1 });

    // The events are the bundles' lines, hash for hash; orders and anomalies are the journal's
    // (the first bundle's, then what the second changed, upserted).
    const hashes = await db.query<{ seq: number; hash: string }>(
      "SELECT seq, hash FROM events WHERE workstation = 'DOCK-1' ORDER BY seq",
    );
    expect(hashes).toEqual([...bundleEvents(b1), ...bundleEvents(b2)].map((e) => ({ seq: e.seq, hash: e.hash })));
    const manifest2 = JSON.parse(fs.readFileSync(path.join(b2, 'manifest.json'), 'utf8'));
    expect(manifest2.counts.orders).toBe(6);
    expect(await count(db, 'orders', 'DOCK-1')).toBe(dock.journal.countOrders());
    expect(await count(db, 'anomalies', 'DOCK-1')).toBe(dock.journal.anomalies({ limit: 10_000 }).length);
    expect(manifest2.counts.anomalies).toBeGreaterThan(0);
    // Text with commas, quotes and line breaks arrives as it was.
    const [order] = await db.query<{ customer: string; lines: unknown }>(
      "SELECT customer, lines FROM orders WHERE workstation = 'DOCK-1' AND order_id = 'ORD-000001'",
    );
    expect(order).toEqual({ customer: 'Customer 1, "Dock 1"\nBay', lines: [{ sku: 'SKU-1', qty: 2 }] });
    const [event] = await db.query<{ data: unknown; initiated_by: unknown }>(
      "SELECT data, initiated_by FROM events WHERE workstation = 'DOCK-1' AND type = 'CustomerNotified' LIMIT 1",
    );
    expect(event).toMatchObject({ data: { channel: 'e-mail, "urgent"' } });

    const before = await snapshot();
    expect(await receiveBundle(db, b1)).toMatchObject({ outcome: 'already' });
    expect(await receiveBundle(db, b2)).toMatchObject({ outcome: 'already' });
    expect(await snapshot()).toEqual(before);

    const [status] = (await corporateStatus(db)).filter((s) => s.workstation === 'DOCK-1');
    expect(status).toMatchObject({ bundles: 2, events: r2.toSeq, lastSeq: r2.toSeq, lastBundle: path.basename(b2) });
    expect(Object.values(status!.openAnomalies).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    dock.close();
  });

  it('keeps full orders and anomalies from incremental bundles (format 3) by upsert, and replaces them from a format-2 one', async () => {
    const dock = new Workstation(root, 'DOCK-U');
    dock.journal.addOperator({ id: 'sup', name: 'Sue', role: 'Supervisor', password: 'supervisor-pw' });
    const b1 = await dock.bundle(12);
    // Between the bundles: a flag of the first bundle's orders dismissed, so its order and its
    // anomaly change in the second bundle's range.
    const flag = dock.journal.anomalies({ open: true, limit: 1 })[0]!;
    dock.journal.dismiss({
      operatorId: 'sup',
      orderId: flag.orderId,
      dismissesEventId: flag.eventId,
      reason: 'A false alarm, checked',
    });
    const b2 = await dock.bundle(3);
    const m2 = JSON.parse(fs.readFileSync(path.join(b2, 'manifest.json'), 'utf8')) as {
      format: string;
      counts: { orders: number; anomalies: number };
    };
    expect(m2.format).toBe('warehouse-ledger-export/3');
    expect(m2.counts.orders).toBe(4);
    await trustWorkstation(db, 'DOCK-U', await dock.publicKeyPem());
    await receiveBundle(db, b1);
    await receiveBundle(db, b2);

    const orders = await db.query<{ order_id: string; status: string; last_seq: number; open_anomalies: number }>(
      "SELECT order_id, status, last_seq, open_anomalies FROM orders WHERE workstation = 'DOCK-U' ORDER BY order_id",
    );
    expect(orders).toEqual(
      dock.journal.orders({ limit: 1000 }).map((o) => ({
        order_id: o.orderId,
        status: o.status,
        last_seq: o.lastSeq,
        open_anomalies: o.openAnomalies,
      })),
    );
    const anomalies = await db.query<{ id: number; open: boolean; resolved_by_seq: number | null }>(
      "SELECT id, open, resolved_by_seq FROM anomalies WHERE workstation = 'DOCK-U' ORDER BY id DESC",
    );
    expect(anomalies).toEqual(
      dock.journal
        .anomalies({ limit: 1000 })
        .map((a) => ({ id: a.id, open: a.open, resolved_by_seq: a.resolvedBySeq })),
    );
    expect(anomalies.find((a) => a.id === flag.id)).toMatchObject({ open: false });

    // A bundle of format 2 holds every order: it still replaces the workstation's rows.
    const b3 = await dock.bundle(2);
    const { resign } = await import('./helpers');
    const { createPrivateKey } = await import('node:crypto');
    const key = createPrivateKey(fs.readFileSync(path.join(dock.keyDir, 'export-key.pem'), 'utf8'));
    const m3 = JSON.parse(fs.readFileSync(path.join(b3, 'manifest.json'), 'utf8'));
    resign(b3, { ...m3, format: 'warehouse-ledger-export/2' }, key);
    await receiveBundle(db, b3);
    expect(await count(db, 'orders', 'DOCK-U')).toBe(m3.counts.orders);
    dock.close();
  });

  it('refuses a bundle of a workstation it does not know, loading nothing', async () => {
    const gate = new Workstation(root, 'GATE-9');
    const b = await gate.bundle(3);
    const before = await snapshot();
    const err = await refusal(receiveBundle(db, b));
    expect(err.kind).toBe('unknown-workstation');
    expect(err.message).toContain('corporate trust GATE-9');
    expect(await snapshot()).toEqual(before);
    gate.close();
  });

  it('refuses a gap (a later bundle before an earlier) and then takes them in order', async () => {
    const dock = new Workstation(root, 'DOCK-2');
    await trustWorkstation(db, 'DOCK-2', await dock.publicKeyPem());
    const [b1, b2, b3] = [await dock.bundle(4), await dock.bundle(4), await dock.bundle(4)];
    const early = await refusal(receiveBundle(db, b2!));
    expect(early.kind).toBe('gap');
    expect(early.message).toMatch(/must start at seq 1/);
    await receiveBundle(db, b1!);
    const before = await snapshot();
    const err = await refusal(receiveBundle(db, b3!));
    expect(err.kind).toBe('gap');
    expect(err.message).toMatch(/seq \d+–\d+ are missing/);
    expect(await snapshot()).toEqual(before);
    await receiveBundle(db, b2!);
    expect(await receiveBundle(db, b3!)).toMatchObject({ outcome: 'received' });
    dock.close();
  });

  it('refuses a fork: a second history of a range already received, under the same key', async () => {
    const dock = new Workstation(root, 'DOCK-3');
    await trustWorkstation(db, 'DOCK-3', await dock.publicKeyPem());
    const first = await dock.bundle(5);
    await receiveBundle(db, first);
    // The same workstation's key on a second journal (a restored backup, say) with other orders
    // in the same number of events, exporting again: the same range, other hashes.
    const twin = new Workstation(fs.mkdtempSync(path.join(root, 'twin-')), 'DOCK-3', dock.keyDir);
    twin.next = 1500;
    const sameRange = await twin.bundle(5);
    expect(path.basename(sameRange)).toBe(path.basename(first));
    const before = await snapshot();
    const err = await refusal(receiveBundle(db, sameRange));
    expect(err.kind).toBe('fork');
    expect(err.message).toContain(path.basename(first));
    expect(await snapshot()).toEqual(before);

    // A damaged copy of it is not called a fork: nobody signed that one.
    const damaged = copyBundle(sameRange, fs.mkdtempSync(path.join(root, 'damaged-')));
    fs.appendFileSync(path.join(damaged, 'orders.csv'), 'ORD-X,Shipped,,1,,1,0,true,,[],{}\r\n');
    expect((await refusal(receiveBundle(db, damaged))).kind).toBe('tampered');

    // And the twin's next bundle: it starts right after the last one received, but on its own chain.
    const next = await twin.bundle(2);
    const cont = await refusal(receiveBundle(db, next));
    expect(cont.kind).toBe('fork');
    expect(await snapshot()).toEqual(before);
    dock.close();
    twin.close();
  });

  it('refuses a tampered bundle even after part of its events were loaded, and keeps the earlier ones', async () => {
    const dock = new Workstation(root, 'DOCK-4');
    await trustWorkstation(db, 'DOCK-4', await dock.publicKeyPem());
    await receiveBundle(db, await dock.bundle(3));
    const good = await dock.bundle(40);
    const before = await snapshot();

    // One changed event near the end, recompressed so the file still reads.
    const copy = copyBundle(good, fs.mkdtempSync(path.join(root, 'tampered-')));
    const file = path.join(copy, 'events.ndjson.gz');
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const at = lines.length - 3;
    lines[at] = lines[at]!.replace('"type":"StatusChanged"', '"type":"StatusCorrected"').replace('Picking', 'Packed');
    fs.writeFileSync(file, zlib.gzipSync(lines.join('\n')));
    const err = await refusal(receiveBundle(db, copy));
    expect(err.kind).toBe('tampered');
    expect(err.problems.join('\n')).toMatch(/events\.ndjson\.gz/);
    expect(await snapshot()).toEqual(before);

    // The untouched original is then received.
    expect(await receiveBundle(db, good)).toMatchObject({ outcome: 'received' });
    dock.close();
  });

  it('refuses a bundle signed with a key other than the one registered', async () => {
    const dock = new Workstation(root, 'DOCK-5');
    const impostor = new Workstation(root, 'DOCK-5', path.join(root, 'impostor-key'));
    await trustWorkstation(db, 'DOCK-5', await dock.publicKeyPem());
    const before = await snapshot();
    const err = await refusal(receiveBundle(db, await impostor.bundle(3)));
    expect(err.kind).toBe('tampered');
    expect(err.message).toMatch(/signed with another key/);
    expect(await snapshot()).toEqual(before);
    dock.close();
    impostor.close();
  });

  it('follows a key rotation announced in a bundle signed with the previous key', async () => {
    const dock = new Workstation(root, 'DOCK-6');
    await trustWorkstation(db, 'DOCK-6', await dock.publicKeyPem());
    const oldKeyDir = dock.keyDir;
    const b1 = await dock.bundle(3);
    const { fingerprint } = announceNewKey(dock, b1);
    const r1 = await receiveBundle(db, b1);
    expect(r1.rotatedTo).toBe(fingerprint);
    const [station] = (await corporateStatus(db)).filter((s) => s.workstation === 'DOCK-6');
    expect(station!.keyFingerprint).toBe(fingerprint);

    // The next bundle is signed with the new key, and taken; one still signed with the old key is not.
    const b2 = await dock.bundle(3);
    const stale = copyBundle(b2, fs.mkdtempSync(path.join(root, 'old-key-')));
    const { createPrivateKey } = await import('node:crypto');
    const { resign } = await import('./helpers');
    const oldKey = createPrivateKey(fs.readFileSync(path.join(oldKeyDir, 'export-key.pem'), 'utf8'));
    resign(stale, JSON.parse(fs.readFileSync(path.join(stale, 'manifest.json'), 'utf8')), oldKey);
    const err = await refusal(receiveBundle(db, stale));
    expect(err.kind).toBe('tampered');
    expect(await receiveBundle(db, b2)).toMatchObject({ outcome: 'received' });
    // The rotation bundle itself, signed with the old key, is still recognised as received.
    expect(await receiveBundle(db, b1)).toMatchObject({ outcome: 'already' });
    dock.close();
  });

  it('refuses a rotation whose announced fingerprint is not its key', async () => {
    const dock = new Workstation(root, 'DOCK-8');
    await trustWorkstation(db, 'DOCK-8', await dock.publicKeyPem());
    const b1 = await dock.bundle(2);
    const { resign } = await import('./helpers');
    const { createPrivateKey } = await import('node:crypto');
    const key = createPrivateKey(fs.readFileSync(path.join(dock.keyDir, 'export-key.pem'), 'utf8'));
    const manifest = JSON.parse(fs.readFileSync(path.join(b1, 'manifest.json'), 'utf8'));
    resign(
      b1,
      {
        ...manifest,
        format: 'warehouse-ledger-export/2',
        nextKey: { publicKeyPem: await dock.publicKeyPem(), fingerprint: 'a'.repeat(64) },
      },
      key,
    );
    const before = await snapshot();
    const err = await refusal(receiveBundle(db, b1));
    expect(err.message).toMatch(/nextKey/);
    expect(await snapshot()).toEqual(before);
    dock.close();
  });

  it('says plainly when a folder is not a bundle', async () => {
    const err = await refusal(receiveBundle(db, fs.mkdtempSync(path.join(root, 'empty-'))));
    expect(err.kind).toBe('not-a-bundle');
    expect(err.message).toMatch(/has no manifest\.json/);
    const missing = await refusal(receiveBundle(db, path.join(root, 'DOCK-1_000000000001-000000000009')));
    expect(missing.message).toMatch(/does not exist/);
  });
});

describe('corporate receive, two at once', () => {
  it('the same bundle twice at once: one loads it, the other finds it received', async () => {
    const dock = new Workstation(root, 'DOCK-7');
    await trustWorkstation(db, 'DOCK-7', await dock.publicKeyPem());
    const b = await dock.bundle(20);
    const outcomes = await Promise.all([receiveBundle(db, b), receiveBundle(db, b)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already', 'received']);
    expect(await count(db, 'bundles', 'DOCK-7')).toBe(1);
    dock.close();
  });

  it('two histories at once: one is received, the other refused as a fork', async () => {
    const dock = new Workstation(root, 'DOCK-9');
    await trustWorkstation(db, 'DOCK-9', await dock.publicKeyPem());
    const twin = new Workstation(fs.mkdtempSync(path.join(root, 'twin-')), 'DOCK-9', dock.keyDir);
    twin.next = 1500;
    const [a, b] = [await dock.bundle(5), await twin.bundle(5)];
    const settled = await Promise.allSettled([receiveBundle(db, a), receiveBundle(db, b)]);
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ kind: 'fork' });
    expect(await count(db, 'bundles', 'DOCK-9')).toBe(1);
    dock.close();
    twin.close();
  });
});
