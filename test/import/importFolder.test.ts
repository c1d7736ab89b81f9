/**
 * The import folder is chosen, never sent: the settings channel takes no path (a path in a message
 * is anyone's path, and the app would read whatever it names), and the one door that does — the
 * main process's folder dialog handing the worker what the person picked — opens for a signed-in
 * Supervisor's window alone, and only to an existing folder. The browser host sets
 * it from the command line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalWorkerClient } from '../../electron/worker/client';
import { settingsImportFolderCommand } from '../../electron/cli/commands/settings';

describe('choosing the import folder', () => {
  let client: JournalWorkerClient;
  let root: string;
  const sue = 'window-sue';
  const cleo = 'window-cleo';
  const call = async (channel: string, request: unknown, session: string) => client.call(channel, request, session);
  const folder = async () => {
    const r = await call('getSettings', {}, sue);
    return r.ok ? (r.response as { inboxFolder: string | null }).inboxFolder : 'unreadable';
  };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-folder-'));
    fs.mkdirSync(path.join(root, 'drop'));
    client = await JournalWorkerClient.start({
      journalPath: path.join(root, 'journal.db'),
      settingsFile: path.join(root, 'settings.json'),
      keyDir: path.join(root, 'key'),
    });
    await call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, sue);
    await call('addOperator', { id: 'cleo', name: 'Cleo', role: 'Clerk', password: 'password-2' }, sue);
    await call('signIn', { operatorId: 'cleo', password: 'password-2' }, cleo);
  });
  afterAll(async () => {
    await client?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses a path sent over the settings channel, from a Supervisor or a Clerk', async () => {
    for (const session of [sue, cleo]) {
      const r = await call('setSettings', { inboxFolder: path.join(root, 'drop') }, session);
      expect(r.ok).toBe(false);
    }
    const r = await call('setSettings', { inboxFolder: path.join(root, 'drop') }, sue);
    expect(!r.ok && r.error.code).toBe('invalid-request');
    expect(await folder()).toBeNull();
  });

  it("refuses the folder door to a Clerk's window, and to a window nobody signed in to", async () => {
    const drop = path.join(root, 'drop');
    const clerk = await client.setChosenFolder(cleo, 'import', drop);
    expect(!clerk.ok && clerk.error.code).toBe('not-allowed');
    expect(!clerk.ok && clerk.error.message).toMatch(/import folder/);
    const nobody = await client.setChosenFolder('window-nobody', 'import', drop);
    expect(!nobody.ok && nobody.error.code).toBe('not-signed-in');
    expect(await folder()).toBeNull();
  });

  it('takes an existing folder from a Supervisor, and nothing else; the page may only turn it off', async () => {
    const file = path.join(root, 'file');
    fs.writeFileSync(file, '');
    for (const bad of ['drop', path.join(root, 'missing'), file, `${root}/drop/../key`]) {
      const r = await client.setChosenFolder(sue, 'import', bad);
      expect(r.ok, bad).toBe(false);
    }
    expect(await folder()).toBeNull();
    const drop = path.join(root, 'drop');
    const r = await client.setChosenFolder(sue, 'import', drop);
    expect(r.ok && r.response, JSON.stringify(r)).toMatchObject({ inboxFolder: drop });
    expect(await folder()).toBe(drop);
    // Saved under its old key, which settings files on workstations already have.
    expect(JSON.parse(fs.readFileSync(path.join(root, 'settings.json'), 'utf8'))).toMatchObject({ inboxFolder: drop });
    // The export destination is another thing: choosing one folder does not set the other.
    const status = await call('exportStatus', {}, sue);
    expect(status.ok && (status.response as { settings: { destination: unknown } }).settings.destination).toBeNull();
    const off = await call('setSettings', { inboxFolder: null }, sue);
    expect(off).toMatchObject({ ok: true, response: { inboxFolder: null } });
  });
});

describe('warehouse-ledger settings import-folder', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await settingsImportFolderCommand.run(args, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: () => Promise.resolve(''),
      defaultDb: '/nonexistent/journal.db',
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('sets an existing folder by its full path into the settings file, keeps the other settings, and turns it off', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-folder-cli-'));
    try {
      const file = path.join(root, 'settings.json');
      fs.writeFileSync(file, JSON.stringify({ idleMinutes: 30, export: { destination: '/srv/share' } }));
      const drop = path.join(root, 'drop');
      fs.mkdirSync(drop);
      expect((await run([path.join(root, 'missing'), '--settings', file])).code).toBe(2);
      fs.writeFileSync(path.join(root, 'plain'), '');
      expect(await run([path.join(root, 'plain'), '--settings', file])).toMatchObject({ code: 2 });
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).inboxFolder).toBeUndefined();

      const set = await run([drop, '--settings', file, '--json']);
      expect(set.code).toBe(0);
      expect(JSON.parse(set.out)).toEqual({ importFolder: drop });
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
        idleMinutes: 30,
        export: { destination: '/srv/share' },
        inboxFolder: drop,
      });
      expect((await run(['--settings', file])).out).toContain(`import folder: ${drop}`);
      await expect(run([drop, '--off', '--settings', file])).rejects.toThrow(/not both/);
      expect((await run(['--off', '--settings', file])).code).toBe(0);
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).inboxFolder).toBeNull();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
