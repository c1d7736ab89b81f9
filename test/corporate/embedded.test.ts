/**
 * The same receiving on the embedded PostgreSQL (PGlite in a folder), where rows go in by
 * batched INSERTs instead of COPY: bundles land whole and exact, refusals leave nothing, and a
 * key rotation is followed — the same SQL as on a server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded, type CorporateDb } from '../../electron/corporate/db';
import { BundleRefused, receiveBundle } from '../../electron/corporate/receive';
import { migrate } from '../../electron/corporate/schema';
import { corporateStatus } from '../../electron/corporate/status';
import { trustWorkstation } from '../../electron/corporate/trust';
import { bundleEvents, copyBundle } from '../export/helpers';
import { announceNewKey, count, Workstation } from './helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-embedded-'));
let db: CorporateDb;
beforeAll(async () => {
  db = await openEmbedded(path.join(root, 'pglite'));
  expect(await migrate(db)).toEqual([1]);
  expect(await migrate(db)).toEqual([]);
}, 60_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('corporate receive on the embedded PostgreSQL', () => {
  it('loads bundles exactly, refuses a tampered one and a gap, and follows a rotation', async () => {
    const dock = new Workstation(root, 'DOCK-E');
    await trustWorkstation(db, 'DOCK-E', await dock.publicKeyPem());
    // More than one INSERT batch of events (500 rows each).
    const b1 = await dock.bundle(300);
    const { fingerprint } = announceNewKey(dock, b1);
    const b2 = await dock.bundle(10);
    const b3 = await dock.bundle(10);

    await expect(receiveBundle(db, b2)).rejects.toMatchObject({ kind: 'gap' });
    const bad = copyBundle(b1, fs.mkdtempSync(path.join(root, 'bad-')));
    fs.appendFileSync(path.join(bad, 'anomalies.csv'), '1,1,x,x,x,x,x,,Picker,over-pick,warning,true,,x\r\n');
    await expect(receiveBundle(db, bad)).rejects.toBeInstanceOf(BundleRefused);
    expect(await count(db, 'events')).toBe(0);

    expect(await receiveBundle(db, b1)).toMatchObject({ outcome: 'received', rotatedTo: fingerprint });
    const events = bundleEvents(b1);
    expect(events.length).toBeGreaterThan(500);
    const stored = await db.query<{ seq: number; hash: string; prev_hash: string }>(
      "SELECT seq, hash, prev_hash FROM events WHERE workstation = 'DOCK-E' ORDER BY seq",
    );
    expect(stored).toEqual(events.map((e) => ({ seq: e.seq, hash: e.hash, prev_hash: e.prevHash })));
    const [order] = await db.query<{ customer: string }>(
      "SELECT customer FROM orders WHERE workstation = 'DOCK-E' AND order_id = 'ORD-000002'",
    );
    expect(order!.customer).toBe('Customer 2, "Dock 2"\nBay');

    expect(await receiveBundle(db, b2)).toMatchObject({ outcome: 'received' });
    expect(await receiveBundle(db, b3)).toMatchObject({ outcome: 'received' });
    expect(await receiveBundle(db, b2)).toMatchObject({ outcome: 'already' });
    const [status] = await corporateStatus(db);
    expect(status).toMatchObject({ workstation: 'DOCK-E', bundles: 3, keyFingerprint: fingerprint });
    dock.close();
  });
});
