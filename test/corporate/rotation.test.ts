/**
 * A key rotation as the workstation really makes it (`key rotate`, then an export with nothing
 * new: the empty bundle that only announces the key), received by corporate: the announcement
 * moves the trusted key, the next bundle signed with the new key is taken, and one still signed
 * with the old key is refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorporateDb } from '../../electron/corporate/db';
import { BundleRefused, receiveBundle } from '../../electron/corporate/receive';
import { trustWorkstation } from '../../electron/corporate/trust';
import { exportBundle } from '../../electron/export/exportBundle';
import { rotateKey } from '../../electron/export/keys';
import { corporateDatabase, count, Workstation } from './helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-rotation-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let db: CorporateDb;
beforeAll(async () => {
  ({ db } = await corporateDatabase());
});

describe('a key rotation, from the workstation to corporate', () => {
  it('follows the announcement bundle to the new key', async () => {
    const dock = new Workstation(root, 'DOCK-R');
    const first = await dock.bundle(4);
    await trustWorkstation(db, 'DOCK-R', await dock.publicKeyPem());
    await receiveBundle(db, first);
    const eventsBefore = await count(db, 'events', 'DOCK-R');

    const oldPem = await dock.publicKeyPem();
    const next = await rotateKey(dock.keyDir);
    const announcement = await exportBundle(dock.journal, {
      destination: dock.destination,
      workstation: 'DOCK-R',
      keyDir: dock.keyDir,
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(announcement.path!, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ counts: { events: 0 }, nextKey: { fingerprint: next.fingerprint } });
    expect(manifest.toSeq).toBe(manifest.fromSeq - 1);

    expect(await receiveBundle(db, announcement.path!)).toMatchObject({ outcome: 'received' });
    expect(await count(db, 'events', 'DOCK-R')).toBe(eventsBefore);
    // The workstation now signs with the new key, and corporate follows.
    expect(await dock.publicKeyPem()).not.toBe(oldPem);
    const after = await dock.bundle(3);
    expect(await receiveBundle(db, after)).toMatchObject({ outcome: 'received' });
    expect(await count(db, 'events', 'DOCK-R')).toBeGreaterThan(eventsBefore);
  });

  it('refuses a bundle still signed with the key an announcement retired', async () => {
    const dock = new Workstation(root, 'DOCK-S');
    const oldKeyCopy = path.join(root, 'DOCK-S-old-key');
    await receiveAfterTrust(dock);
    fs.cpSync(dock.keyDir, oldKeyCopy, { recursive: true });
    await rotateKey(dock.keyDir);
    const announcement = await exportBundle(dock.journal, {
      destination: dock.destination,
      workstation: 'DOCK-S',
      keyDir: dock.keyDir,
    });
    await receiveBundle(db, announcement.path!);
    // Someone who kept the old private key signs the next range with it.
    dock.keyDir = oldKeyCopy;
    const forged = await dock.bundle(2);
    const err = await receiveBundle(db, forged).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BundleRefused);
    expect((err as BundleRefused).message).toMatch(/sign/i);
  });
});

async function receiveAfterTrust(dock: Workstation): Promise<void> {
  const bundle = await dock.bundle(3);
  await trustWorkstation(db, dock.name, await dock.publicKeyPem());
  await receiveBundle(db, bundle);
}
