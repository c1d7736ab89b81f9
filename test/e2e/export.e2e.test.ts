/**
 * Export end to end in the browser host: the destination is set on the command line
 * (`warehouse-ledger export settings`; the page, with no folder dialog, shows it read-only and
 * says so), a Supervisor names the workstation on the Export page, presses "Export now", sees
 * the export listed; corporate checks the bundle with `warehouse-ledger
 * verify-export` and the workstation's public key; a changed byte fails it; an unusable
 * destination shows as a failure on the page. Needs `npm run build:renderer` and `npm run build:node`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SAMPLES, screenshot, signIn, startE2E, type E2E, until } from './harness';

const BIN = resolve('bin/warehouse-ledger.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('export to corporate', () => {
  let e2e: E2E;
  let page: Page;
  let work: string;
  let dest: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ledger-e2e-export-'));
    dest = join(work, 'share');
    mkdirSync(dest);
    // The browser host has no folder dialog: the destination comes from the command line.
    const settingsFile = join(work, 'settings.json');
    const set = cli('export', 'settings', '--destination', dest, '--settings', settingsFile, '--json');
    expect(set.err).toBe('');
    expect(JSON.parse(set.out)).toMatchObject({ destination: dest });
    e2e = await startE2E({ withSupervisor: true, settingsFile });
    page = e2e.page;
    await e2e.api('signIn', { operatorId: 'sue', password: 'warehouse-1' });
    await e2e.importFile(join(SAMPLES, 'missing-package.ndjson'));
    await until('the import', async () => ((await e2e.api('session', {})).events > 0 ? true : undefined));
    await signIn(page);
  });
  afterAll(async () => {
    await e2e?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('exports from the page, and the bundle verifies with the workstation key', async () => {
    await page.getByRole('link', { name: 'Export', exact: true }).click();
    await page.getByRole('heading', { name: 'Export to corporate' }).waitFor();
    await page.getByText('No export yet.').waitFor();
    await page.getByText(/^Never anchored: nothing has been exported yet/).waitFor();
    // Shown, not typed: no field for a path, no folder button, and a line saying where it is set.
    await expect(page.getByTestId('export-destination-path').textContent()).resolves.toBe(dest);
    expect(await page.getByLabel('Destination folder').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Choose folder…' }).count()).toBe(0);
    await expect(page.getByTestId('export-destination-cli').textContent()).resolves.toContain(
      'warehouse-ledger export settings --destination DIR',
    );
    await page.getByLabel('Workstation name').fill('DOCK-E2E');
    await page.getByRole('button', { name: 'Save' }).click();
    const exportNow = page.getByRole('button', { name: 'Export now' });
    await until('Export now to be enabled', async () => ((await exportNow.isEnabled()) ? true : undefined));
    await exportNow.click();
    const table = page.getByRole('table', { name: 'Last exports' });
    await table.waitFor();
    const events = (await e2e.api('session', {})).events;
    await table.getByText(`seq 1–${events}`).waitFor();
    await page.getByText('Everything is exported.').waitFor();
    await page
      .getByText(new RegExp(`^Head of the chain last anchored just now \\(seq ${events}, in DOCK-E2E_`))
      .waitFor();
    await screenshot(page, 'export-page');

    const status = await e2e.api('exportStatus', {});
    const bundle = join(dest, status.history[0]!.bundle);
    const pubkey = join(work, 'dock.pub.pem');
    writeFileSync(pubkey, status.publicKey!);
    const ok = cli('verify-export', bundle, '--pubkey', pubkey);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(new RegExp(`^ok: DOCK-E2E_000000000001-0+${events}, seq 1–${events}`));

    const csv = join(bundle, 'orders.csv');
    const bytes = readFileSync(csv);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    writeFileSync(csv, bytes);
    const bad = cli('verify-export', bundle, '--pubkey', pubkey);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('orders.csv does not match its sha256 in the manifest');
  });

  it('refuses a destination sent over the channel, even from a Supervisor', async () => {
    await expect(
      e2e.api('setExportSettings', {
        destination: work,
        schedule: { kind: 'off' },
        workstation: 'DOCK-E2E',
      } as never),
    ).rejects.toThrow(/invalid-request/);
    expect((await e2e.api('exportStatus', {})).settings.destination).toBe(dest);
  });

  it('shows a destination that cannot be written as a failure, with its retry', async () => {
    // The share went away and something else took its name.
    rmSync(dest, { recursive: true, force: true });
    writeFileSync(dest, '');
    await e2e.importFile(join(SAMPLES, 'bad-lines.ndjson'));
    await until('events not yet exported', async () => {
      const status = await e2e.api('exportStatus', {});
      return status.lastSeq > status.cursor ? true : undefined;
    });
    await page.getByRole('button', { name: 'Export now' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The last export failed' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/is a file, not a folder.*trying again at/s);
    await screenshot(page, 'export-page-failure');
  });
});
