/**
 * The verifier corporate shares with verify-export: format 2 manifests (a key rotation) read and
 * checked under the key that signed them, continuity against where the last received bundle
 * ended, and the test server's plain sentence when there is no PostgreSQL to be had.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { continuityProblems, verifyExport } from '../../electron/export/verify';
import type { Manifest } from '../../electron/export/manifest';
import { FORMAT } from '../../electron/export/layout';
import { startTestServer } from '../pg/server';
import { announceNewKey, resign, Workstation } from './helpers';
import { createPrivateKey } from 'node:crypto';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-verifier-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const manifestOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('the shared verifier', () => {
  it('reads a rotation bundle (nextKey) signed with the old key, and refuses an unknown format', async () => {
    const dock = new Workstation(root, 'DOCK-V');
    const oldPem = await dock.publicKeyPem();
    const oldKey = createPrivateKey(fs.readFileSync(path.join(dock.keyDir, 'export-key.pem'), 'utf8'));
    const b1 = await dock.bundle(3);
    announceNewKey(dock, b1);
    expect(await verifyExport(b1, oldPem)).toMatchObject({
      ok: true,
      manifest: { format: FORMAT },
    });
    const b2 = await dock.bundle(2);
    const m1 = manifestOf(b1);
    const end = { workstation: 'DOCK-V', toSeq: m1.toSeq, endHash: m1.chain.endHash };
    expect(await verifyExport(b2, await dock.publicKeyPem(), end)).toMatchObject({ ok: true, problems: [] });
    expect((await verifyExport(b2, oldPem, end)).problems.join('\n')).toMatch(/signed with another key/);

    resign(b2, { ...manifestOf(b2), format: 'warehouse-ledger-export/4' as Manifest['format'] }, oldKey);
    expect((await verifyExport(b2, oldPem)).problems.join('\n')).toMatch(/format/);
    dock.close();
  });

  it('checks continuity against where the last received bundle ended', async () => {
    const dock = new Workstation(root, 'DOCK-W');
    const [a, b] = [await dock.bundle(3), await dock.bundle(3)];
    const ma = manifestOf(a);
    const end = { workstation: 'DOCK-W', toSeq: ma.toSeq, endHash: ma.chain.endHash };
    expect(await verifyExport(b, await dock.publicKeyPem(), end)).toMatchObject({ ok: true });
    const mb = manifestOf(b);
    expect(continuityProblems(mb, { ...end, toSeq: end.toSeq - 1 }).join()).toMatch(/missing/);
    expect(continuityProblems(mb, { ...end, toSeq: end.toSeq + 1 }).join()).toMatch(/overlap/);
    expect(continuityProblems(mb, { ...end, endHash: '1'.repeat(64) }).join()).toMatch(/chain does not continue/);
    expect(continuityProblems(mb, { ...end, workstation: 'GATE-1' }).join()).toMatch(/from workstation GATE-1/);
    dock.close();
  });

  it('the test server says what to install when there is no PostgreSQL', async () => {
    await expect(startTestServer({ env: {}, debianRoot: path.join(root, 'no-postgres') })).rejects.toThrow(
      /set DATABASE_URL .* or install Debian's PostgreSQL \(apt-get install postgresql\)/,
    );
  });
});
