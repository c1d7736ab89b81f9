/**
 * The keychain bridge, over a real journal worker thread: the worker cannot reach Electron's
 * safeStorage, so it asks the process that started it to seal and unseal the signing key. The
 * key on disk is then only the sealed bytes, and a bundle exported through the channels is
 * signed by it all the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalWorkerClient } from '../../electron/worker/client';
import { currentPublicKey, type KeyProtector } from '../../electron/export/keys';
import { verifyExport } from '../../electron/export/verify';
import { Journal } from '../../electron/journal';
import { addOrders, scratch } from './helpers';

/** A stand-in keychain: reversible, but no PEM survives it. Counts what it was asked. */
function keychain() {
  const asked: string[] = [];
  const protector: KeyProtector = {
    kind: 'test-keychain',
    seal: async (pem) => {
      asked.push('seal');
      return Buffer.from(Buffer.from(pem).toString('base64').split('').reverse().join(''));
    },
    unseal: async (sealed) => {
      asked.push('unseal');
      return Buffer.from(sealed.toString().split('').reverse().join(''), 'base64').toString();
    },
  };
  return { asked, protector };
}

describe('the signing key sealed by the parent process', () => {
  it('is made, sealed and used to sign through the worker, and never lies on disk as a PEM', async () => {
    const root = scratch('keychain-');
    const journalPath = path.join(root, 'journal.db');
    const seeded = Journal.open(journalPath);
    addOrders(seeded, 5);
    seeded.close();
    const userData = path.join(root, 'user-data');
    const keyDir = path.join(userData, 'signing-key');
    const dest = path.join(root, 'share');
    fs.mkdirSync(dest);
    const { asked, protector } = keychain();
    const client = await JournalWorkerClient.start(
      { journalPath, settingsFile: path.join(userData, 'settings.json'), keyDir },
      undefined,
      protector,
    );
    try {
      const call = async (channel: string, request: unknown) => {
        const r = await client.call(channel, request, 'window-1');
        if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
        return r.response as Record<string, unknown>;
      };
      await call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' });
      expect((await client.setChosenFolder('window-1', 'export', dest)).ok).toBe(true);
      await call('setExportSettings', { schedule: { kind: 'off' }, workstation: 'DOCK-9' });
      const status = await call('exportStatus', {});
      expect(status.publicKey).toMatch(/BEGIN PUBLIC KEY/);
      expect(asked).toEqual(['seal', 'unseal']);

      const result = await call('exportNow', {});
      expect(asked.filter((a) => a === 'seal')).toHaveLength(1);
      expect(asked.at(-1)).toBe('unseal');
      expect(fs.readdirSync(keyDir).sort()).toEqual(['export-key.pub.pem', 'export-key.sealed']);
      expect(fs.readFileSync(path.join(keyDir, 'export-key.sealed'), 'utf8')).not.toMatch(/PRIVATE KEY/);
      const report = await verifyExport(path.join(dest, String(result.bundle)), currentPublicKey(keyDir)!.publicKeyPem);
      expect(report.problems).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('says the keychain refused instead of signing anything', async () => {
    const root = scratch('keychain-refused-');
    const journalPath = path.join(root, 'journal.db');
    const seeded = Journal.open(journalPath);
    addOrders(seeded, 2);
    seeded.close();
    const keyDir = path.join(root, 'user-data', 'signing-key');
    const dest = path.join(root, 'share');
    fs.mkdirSync(dest);
    const locked: KeyProtector = {
      kind: 'test-keychain',
      seal: () => Promise.reject(new Error('the keyring is locked')),
      unseal: () => Promise.reject(new Error('the keyring is locked')),
    };
    const client = await JournalWorkerClient.start({ journalPath, settingsFile: null, keyDir }, undefined, locked);
    try {
      const sue = await client.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, 'w');
      expect(sue.ok).toBe(true);
      expect((await client.setChosenFolder('w', 'export', dest)).ok).toBe(true);
      await client.call('setExportSettings', { schedule: { kind: 'off' }, workstation: 'D1' }, 'w');
      const r = await client.call('exportNow', {}, 'w');
      expect(!r.ok && r.error.message).toMatch(/the keychain refused: the keyring is locked/);
      expect(fs.readdirSync(dest)).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
