/**
 * A journal on storage this account cannot write — here a folder without write permission, so
 * SQLite cannot create the WAL index beside it — is still read and verified, and refuses a write
 * saying the journal is read-only (not "cannot be used"). The command line runs as an account
 * without write permission: as itself when not root, or as `nobody` when the tests run as root
 * (root may write anywhere).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal';
import { missingPackage } from '../corrections/history';
import { record } from '../corrections/journalHarness';
import { HANDBOOK_SAMPLES } from '../samples';

const ROOT = path.join(__dirname, '..', '..');
const asRoot = process.getuid?.() === 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-read-only-test-'));
const folder = path.join(dir, 'share');
const file = path.join(folder, 'journal.db');

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT });
  fs.mkdirSync(folder);
  const journal = Journal.open(file);
  record(journal, missingPackage());
  journal.close();
  fs.chmodSync(file, 0o444);
  fs.chmodSync(folder, 0o555);
  fs.chmodSync(dir, 0o755);
}, 60_000);
afterAll(() => {
  fs.chmodSync(folder, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]) {
  const command = [process.execPath, path.join(ROOT, 'bin/warehouse-ledger.js'), ...args];
  const [exe, ...rest] = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command] : command;
  const r = spawnSync(exe!, rest, { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: dir } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a journal on read-only storage', () => {
  it('is verified, including its file check', () => {
    const verify = cli(['verify', '--db', file, '--json']);
    expect([verify.code, verify.stderr]).toEqual([0, '']);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, events: 8, problem: null });
  });

  it('is read', () => {
    const history = cli(['history', '1345693', '--db', file, '--json']);
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)).toHaveLength(8);
  });

  it('refuses an import saying it is read-only and that nothing was recorded', () => {
    const sample = path.join(HANDBOOK_SAMPLES, 'missing-package.ndjson');
    const imported = cli(['import', sample, '--db', file]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain('the journal is read-only here');
    expect(imported.stderr).toContain('Nothing of it was recorded');
  });

  it('leaves nothing behind in the folder it cannot write, nor in the temp folder', () => {
    expect(fs.readdirSync(folder)).toEqual(['journal.db']);
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('ledger-read-only-') && !dir.endsWith(n))).toEqual(
      [],
    );
  });
});
