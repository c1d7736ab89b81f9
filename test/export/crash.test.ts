import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/export/exportBundle';
import { workstationKey } from '../../electron/export/keys';
import { verifyExport } from '../../electron/export/verify';
import { Journal } from '../../electron/journal';
import { addOrders, bundleEvents, scratch } from './helpers';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'exportChild.ts');

/** Run the child export and SIGKILL it once it reports it is writing; resolves when it is gone (reaped). */
function exportAndKill(file: string, dest: string, keyDir: string): Promise<{ said: string; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, dest, keyDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      said += d.toString();
      if (said.includes('writing')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      said.includes('writing') ? resolve({ said, signal }) : reject(new Error(stderr)),
    );
  });
}

describe('kill -9 during an export', () => {
  it('leaves no half bundle and the cursor where it was; the next run cleans up and completes', async () => {
    const dir = scratch('export-crash-');
    const file = path.join(dir, 'journal.db');
    const dest = path.join(dir, 'share');
    const keyDir = path.join(dir, 'key');
    fs.mkdirSync(dest);
    const journal = Journal.open(file);
    addOrders(journal, 600);
    const total = journal.lastSeq();
    expect(total).toBeGreaterThan(2000);
    journal.close();

    const { said, signal } = await exportAndKill(file, dest, keyDir);
    expect(signal).toBe('SIGKILL');
    expect(said).not.toContain('finished');
    // What the killed run left: only its temporary folder, never a bundle.
    const left = fs.readdirSync(dest);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.tmp-DOCK-9_000000000001-/);

    const reopened = Journal.open(file);
    try {
      expect(reopened.exportCursor()).toBe(0);
      const r = await exportBundle(reopened, { destination: dest, keyDir, workstation: 'DOCK-9' });
      expect(r).toMatchObject({ fromSeq: 1, toSeq: total, events: total });
      expect(fs.readdirSync(dest)).toEqual([r.bundle]);
      expect(reopened.exportCursor()).toBe(total);
      expect((await verifyExport(r.path!, (await workstationKey(keyDir)).publicKeyPem)).problems).toEqual([]);
      expect(bundleEvents(r.path!).map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    } finally {
      reopened.close();
    }
  });
});
