/**
 * The signing key kept as a key: its own folder, 0600, never silently replaced once bundles were
 * signed, and rotated by an announcement the old key signs (docs/export-format.md).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/command';
import { runCli } from '../../electron/cli/run';
import { exportBundle } from '../../electron/export/exportBundle';
import {
  checkKeyFolder,
  currentPublicKey,
  keyFingerprint,
  knownPublicKeys,
  pendingPublicKey,
  rotateKey,
  workstationKey,
  type KeyProtector,
} from '../../electron/export/keys';
import { FORMAT, MANIFEST_FILE, SIGNATURE_FILE } from '../../electron/export/layout';
import { manifestBytes, type Manifest } from '../../electron/export/manifest';
import { verifyBundleSeries, verifyExport } from '../../electron/export/verify';
import { freshJournal } from '../journal/helpers';
import { addOrders, copyBundle, scratch } from './helpers';

function setup(orders = 6) {
  const journal = freshJournal();
  addOrders(journal, orders);
  const dest = scratch('rotation-dest-');
  const keyDir = path.join(scratch('rotation-user-data-'), 'signing-key');
  return { journal, dest, keyDir, options: { destination: dest, workstation: 'DOCK-4', keyDir } };
}

const manifestOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;

describe('key rotation', () => {
  it('announces the new key in a bundle the old key signs, then signs with the new key only', async () => {
    const { journal, dest, keyDir, options } = setup();
    const first = await exportBundle(journal, options);
    const oldKey = currentPublicKey(keyDir)!;

    const next = await rotateKey(keyDir);
    expect(pendingPublicKey(keyDir)?.fingerprint).toBe(next.fingerprint);
    addOrders(journal, 2, 100);
    const announcing = await exportBundle(journal, options);
    expect(announcing.announcedKey).toBe(next.fingerprint);
    const m = manifestOf(announcing.path!);
    expect(m).toMatchObject({ format: FORMAT, keyFingerprint: oldKey.fingerprint });
    expect(m.nextKey).toEqual({ publicKeyPem: next.publicKeyPem, fingerprint: next.fingerprint });
    expect(next.fingerprint).toBe(keyFingerprint(next.publicKeyPem));

    // The old private key is gone, its public half kept for history; the new key is current.
    expect(currentPublicKey(keyDir)?.fingerprint).toBe(next.fingerprint);
    expect(pendingPublicKey(keyDir)).toBeUndefined();
    expect(knownPublicKeys(keyDir).map((k) => k.fingerprint)).toEqual([oldKey.fingerprint, next.fingerprint]);
    expect(fs.readdirSync(keyDir).sort()).toEqual(['export-key.pem', 'export-key.pub.pem', 'retired']);
    expect(journal.exportHistory(1)[0]).toMatchObject({
      keyFingerprint: oldKey.fingerprint,
      nextKeyFingerprint: next.fingerprint,
    });

    addOrders(journal, 2, 200);
    const after = await exportBundle(journal, options);
    expect(manifestOf(after.path!).keyFingerprint).toBe(next.fingerprint);

    // Corporate, holding only the first key, follows the chain across the rotation.
    const series = await verifyBundleSeries(dest, 'DOCK-4', oldKey.publicKeyPem);
    expect(series.bundles.map((b) => [b.name, b.problems])).toEqual([
      [first.bundle, []],
      [announcing.bundle, []],
      [after.bundle, []],
    ]);
    expect(series.nextTrustedKey).toBe(next.publicKeyPem);
    // And one bundle after another with --previous: the previous one's nextKey is what counts.
    expect((await verifyExport(after.path!, oldKey.publicKeyPem, announcing.path!)).problems).toEqual([]);
    // The old key no longer vouches for a bundle after the announcement.
    const alone = await verifyExport(after.path!, oldKey.publicKeyPem);
    expect(alone.ok).toBe(false);
  });

  it('writes an empty bundle that announces the key when nothing new was recorded, and the next one continues it', async () => {
    const { journal, dest, keyDir, options } = setup();
    const first = await exportBundle(journal, options);
    const oldKey = currentPublicKey(keyDir)!;
    await rotateKey(keyDir);
    const empty = await exportBundle(journal, options);
    expect(empty).toMatchObject({ fromSeq: first.toSeq + 1, toSeq: first.toSeq, events: 0 });
    expect(empty.bundle).toMatch(/^DOCK-4_0+(\d+)-0+\d+$/);
    const m = manifestOf(empty.path!);
    expect(m.counts.events).toBe(0);
    expect(m.chain.startHash).toBe(m.chain.endHash);
    expect(m.chain.endHash).toBe(journal.chainHash(first.toSeq));
    expect(journal.exportCursor()).toBe(first.toSeq);
    // Nothing more to announce: no second empty bundle.
    expect((await exportBundle(journal, options)).bundle).toBeNull();

    addOrders(journal, 2, 300);
    const next = await exportBundle(journal, options);
    expect(next.fromSeq).toBe(first.toSeq + 1);
    const series = await verifyBundleSeries(dest, 'DOCK-4', oldKey.publicKeyPem);
    expect(series.bundles.map((b) => b.name)).toEqual([first.bundle, empty.bundle, next.bundle]);
    expect(series.bundles.every((b) => b.ok)).toBe(true);
  });
});

describe('the bundle verifier, attacked across a rotation', () => {
  /** Re-sign a changed manifest with `privateKey`: what someone holding a key could do. */
  function resign(dir: string, change: (m: Manifest) => Manifest, privateKey: Parameters<typeof sign>[2]) {
    const bytes = manifestBytes(change(manifestOf(dir)));
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), bytes);
    fs.writeFileSync(path.join(dir, SIGNATURE_FILE), sign(null, bytes, privateKey).toString('base64') + '\n');
  }

  it('refuses a bundle after the announcement signed by the old key (someone who kept a copy of it)', async () => {
    const { journal, keyDir, options } = setup();
    const first = await exportBundle(journal, options);
    const old = await workstationKey(keyDir);
    await rotateKey(keyDir);
    addOrders(journal, 1, 100);
    const announcing = await exportBundle(journal, options);
    addOrders(journal, 1, 200);
    const after = await exportBundle(journal, options);

    const folder = scratch('rotation-forged-');
    for (const b of [first, announcing]) copyBundle(b.path!, folder);
    const forged = copyBundle(after.path!, folder);
    resign(forged, (m) => ({ ...m, keyFingerprint: old.fingerprint }), old.privateKey);
    expect((await verifyExport(forged, old.publicKeyPem)).ok).toBe(true); // alone, it looks fine
    const series = await verifyBundleSeries(folder, 'DOCK-4', old.publicKeyPem);
    expect(series.bundles.map((b) => b.ok)).toEqual([true, true, false]);
    expect(series.bundles[2]!.problems.join('\n')).toMatch(/signed with another key|keyFingerprint names another key/);
    expect((await verifyExport(forged, old.publicKeyPem, path.join(folder, announcing.bundle!))).ok).toBe(false);
  });

  it('rejects a nextKey whose fingerprint is not its key, and an empty bundle that announces nothing', async () => {
    const { journal, keyDir, options } = setup();
    await exportBundle(journal, options);
    await rotateKey(keyDir);
    const empty = await exportBundle(journal, options);
    const tamper = scratch('rotation-tamper-');
    // The old key is retired, so these forgeries are signed by a key the attacker would need: make one.
    const forger = generateKeyPairSync('ed25519');
    const forgerPem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();

    const wrongPrint = copyBundle(empty.path!, tamper);
    resign(
      wrongPrint,
      (m) => ({
        ...m,
        keyFingerprint: keyFingerprint(forgerPem),
        nextKey: { ...m.nextKey!, fingerprint: '0'.repeat(64) },
      }),
      forger.privateKey,
    );
    expect((await verifyExport(wrongPrint, forgerPem)).problems).toContain(
      'manifest.json: nextKey.fingerprint is not the fingerprint of nextKey.publicKeyPem',
    );

    fs.rmSync(wrongPrint, { recursive: true });
    const silent = copyBundle(empty.path!, tamper);
    resign(
      silent,
      (m) => {
        const rest = { ...m, keyFingerprint: keyFingerprint(forgerPem) };
        delete rest.nextKey;
        return rest;
      },
      forger.privateKey,
    );
    expect((await verifyExport(silent, forgerPem)).problems.join('\n')).toMatch(/holds no events and announces no key/);
  });
});

describe('the key folder', () => {
  it('is made 0700 with the private key 0600, and the key is never replaced once bundles were signed', async () => {
    const { journal, keyDir, options } = setup();
    await exportBundle(journal, options);
    expect(fs.statSync(keyDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(keyDir, 'export-key.pem')).mode & 0o777).toBe(0o600);
    const fingerprint = currentPublicKey(keyDir)!.fingerprint;

    fs.rmSync(path.join(keyDir, 'export-key.pem'));
    addOrders(journal, 1, 400);
    await expect(exportBundle(journal, options)).rejects.toThrow(
      new RegExp(`signing key is missing from .*1 bundles were already signed.*${fingerprint}.*no new key is made`),
    );
    // Even with the whole folder gone, the journal remembers it has signed.
    fs.rmSync(keyDir, { recursive: true });
    await expect(exportBundle(journal, options)).rejects.toThrow(/missing.*1 bundles were already signed/);
    expect(fs.existsSync(path.join(keyDir, 'export-key.pem'))).toBe(false);
  });

  it('refuses to keep the key beside the journal or inside the export destination', async () => {
    const { journal, dest, options } = setup();
    await expect(exportBundle(journal, { ...options, keyDir: path.dirname(journal.path) })).rejects.toThrow(
      /is the journal's own folder: the signing key is never kept beside the journal/,
    );
    await expect(exportBundle(journal, { ...options, keyDir: path.join(dest, 'keys') })).rejects.toThrow(
      /inside the export destination/,
    );
    expect(() =>
      checkKeyFolder(path.join(dest, '..', path.basename(dest) + '-keys'), journal.path, dest),
    ).not.toThrow();
    expect(fs.readdirSync(dest)).toEqual([]);
  });

  it('keeps the private key sealed by the protector it is given, and a plain reader cannot use it', async () => {
    const { journal, keyDir, options } = setup();
    const sealer: KeyProtector = {
      kind: 'test-vault',
      seal: (pem) => Promise.resolve(Buffer.from(Buffer.from(pem).toString('base64').split('').reverse().join(''))),
      unseal: (b) => Promise.resolve(Buffer.from(b.toString().split('').reverse().join(''), 'base64').toString()),
    };
    const r = await exportBundle(journal, { ...options, protector: sealer });
    expect(fs.readdirSync(keyDir).sort()).toEqual(['export-key.pub.pem', 'export-key.sealed']);
    expect(fs.readFileSync(path.join(keyDir, 'export-key.sealed'), 'utf8')).not.toMatch(/PRIVATE KEY/);
    expect((await verifyExport(r.path!, currentPublicKey(keyDir)!.publicKeyPem)).ok).toBe(true);
    addOrders(journal, 1, 500);
    await expect(exportBundle(journal, options)).rejects.toThrow(/sealed by the desktop app's keychain/);
    // Nor can it rotate a sealed key (the new one would lie in the clear); the app rotates it, sealed.
    await expect(rotateKey(keyDir)).rejects.toThrow(
      /sealed by the desktop app's keychain: rotate it on the app's Export page/,
    );
    await rotateKey(keyDir, sealer);
    expect(fs.readdirSync(keyDir).sort()).toEqual([
      'export-key.pub.pem',
      'export-key.sealed',
      'next-key.pub.pem',
      'next-key.sealed',
    ]);
  });
});

describe('a key an older ledger left beside the journal', () => {
  it('is moved into the key folder by the next export, keeping its fingerprint, and nothing is left beside the journal', async () => {
    const { journal, dest, keyDir } = setup();
    const journalDir = path.dirname(journal.path);
    // What the older ledger did: the key in the journal's folder.
    const elsewhere = path.join(scratch('legacy-'), 'old');
    const legacy = await workstationKey(elsewhere);
    fs.copyFileSync(path.join(elsewhere, 'export-key.pem'), path.join(journalDir, 'export-key.pem'));
    fs.copyFileSync(path.join(elsewhere, 'export-key.pub.pem'), path.join(journalDir, 'export-key.pub.pem'));
    journal.close();

    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      readStdin: async () => '',
      defaultDb: journal.path,
      userData: path.dirname(keyDir),
    };
    expect(await runCli(['export', '--out', dest, '--workstation', 'DOCK-4', '--db', journal.path, '--json'], io)).toBe(
      0,
    );
    expect(err.join('\n')).toContain(`moved the signing key from beside the journal`);
    expect(fs.readdirSync(journalDir).filter((f) => f.startsWith('export-key'))).toEqual([]);
    expect(currentPublicKey(keyDir)?.fingerprint).toBe(legacy.fingerprint);
    const bundle = (JSON.parse(out[0]!) as { bundle: string }).bundle;
    expect(manifestOf(path.join(dest, bundle)).keyFingerprint).toBe(legacy.fingerprint);
  });
});
