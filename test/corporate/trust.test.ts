/**
 * Registering workstations' keys: once by hand, the same key again changes nothing, another key
 * only by a rotation bundle (or --replace for a lost key), and keys that cannot sign bundles are
 * refused, saying why.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorporateDb } from '../../electron/corporate/db';
import { receiveBundle } from '../../electron/corporate/receive';
import { trustWorkstation, TrustRefused } from '../../electron/corporate/trust';
import { announceNewKey, corporateDatabase, count, Workstation } from './helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-trust-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let db: CorporateDb;
beforeAll(async () => {
  ({ db } = await corporateDatabase());
});

const pemOf = (type: 'ed25519' | 'rsa') =>
  (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 1024 }) : generateKeyPairSync('ed25519')).publicKey
    .export({ type: 'spki', format: 'pem' })
    .toString();

describe('corporate trust', () => {
  it('registers a key once; the same again changes nothing; another is refused unless replacing a lost one', async () => {
    const first = pemOf('ed25519');
    expect(await trustWorkstation(db, 'DOCK-1', first)).toMatchObject({ outcome: 'registered' });
    expect(await trustWorkstation(db, 'DOCK-1', first)).toMatchObject({ outcome: 'unchanged' });
    const other = pemOf('ed25519');
    await expect(trustWorkstation(db, 'DOCK-1', other)).rejects.toThrow(/registered already.*rotation.*--replace/s);
    const replaced = await trustWorkstation(db, 'DOCK-1', other, { replace: true });
    expect(replaced.outcome).toBe('replaced');
    const [row] = await db.query<{ key_fingerprint: string }>(
      "SELECT key_fingerprint FROM workstations WHERE name = 'DOCK-1'",
    );
    expect(row!.key_fingerprint).toBe(replaced.fingerprint);
    expect(await count(db, 'workstation_keys', 'DOCK-1')).toBe(2);
  });

  it('refuses what cannot be a workstation key or name', async () => {
    await expect(trustWorkstation(db, 'DOCK-2', pemOf('rsa'))).rejects.toThrow(
      /rsa key; workstations sign with Ed25519/,
    );
    await expect(trustWorkstation(db, 'DOCK-2', 'not a key')).rejects.toBeInstanceOf(TrustRefused);
    await expect(trustWorkstation(db, 'dock 2/../x', pemOf('ed25519'))).rejects.toThrow(/workstation name/);
    expect(await db.query("SELECT 1 FROM workstations WHERE name = 'DOCK-2'")).toEqual([]);
  });

  it('after a rotation bundle is received, the announced key is the one trusted', async () => {
    const dock = new Workstation(root, 'DOCK-3');
    await trustWorkstation(db, 'DOCK-3', await dock.publicKeyPem());
    const oldPem = await dock.publicKeyPem();
    const b = await dock.bundle(2);
    announceNewKey(dock, b);
    // Before the bundle that announces it arrives, the new key is someone else's.
    await expect(trustWorkstation(db, 'DOCK-3', await dock.publicKeyPem())).rejects.toBeInstanceOf(TrustRefused);
    await receiveBundle(db, b);
    expect(await trustWorkstation(db, 'DOCK-3', await dock.publicKeyPem())).toMatchObject({ outcome: 'unchanged' });
    await expect(trustWorkstation(db, 'DOCK-3', oldPem)).rejects.toBeInstanceOf(TrustRefused);
    dock.close();
  });
});
