/**
 * The export destination is chosen, never sent: no channel takes one (a path in a message is
 * anyone's path), and the one door that does — the main process's folder dialog handing the
 * worker what the person picked — opens for a signed-in Supervisor's window alone, and only to
 * an existing folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalWorkerClient } from '../../electron/worker/client';
import os from 'node:os';

describe('choosing the export destination', () => {
  let client: JournalWorkerClient;
  let root: string;
  const sue = 'window-sue';
  const cleo = 'window-cleo';
  const call = async (channel: string, request: unknown, session: string) => client.call(channel, request, session);

  beforeAll(async () => {
    // Not the helpers' scratch folder: that one goes after each test, and these tests share the journal.
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'export-destination-'));
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

  const destination = async () => {
    const r = await call('exportStatus', {}, sue);
    return r.ok ? (r.response as { settings: { destination: string | null } }).settings.destination : 'unreadable';
  };

  it('refuses a path sent over the settings channel, from a Supervisor or a Clerk', async () => {
    const share = path.join(root, 'share');
    fs.mkdirSync(share, { recursive: true });
    for (const session of [sue, cleo]) {
      const r = await call(
        'setExportSettings',
        { destination: share, schedule: { kind: 'off' }, workstation: 'D1' },
        session,
      );
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('invalid-request');
    }
    expect(await destination()).toBeNull();
  });

  it("refuses the folder door to a Clerk's window and to a window nobody signed in to", async () => {
    const share = path.join(root, 'share');
    const clerk = await client.setChosenFolder(cleo, 'export', share);
    expect(!clerk.ok && clerk.error.code).toBe('not-allowed');
    const nobody = await client.setChosenFolder('window-nobody', 'export', share);
    expect(!nobody.ok && nobody.error.code).toBe('not-signed-in');
    expect(await destination()).toBeNull();
  });

  it('takes an existing folder from a Supervisor, and nothing else', async () => {
    const file = path.join(root, 'file');
    fs.writeFileSync(file, '');
    for (const bad of ['share', path.join(root, 'missing'), file, `${root}/share/../key`]) {
      const r = await client.setChosenFolder(sue, 'export', bad);
      expect(r.ok, bad).toBe(false);
    }
    expect(await destination()).toBeNull();
    const share = path.join(root, 'share');
    const r = await client.setChosenFolder(sue, 'export', share);
    expect(r.ok && r.response, JSON.stringify(r)).toMatchObject({ destination: share });
    expect(await destination()).toBe(share);
    // The page changes the schedule and name around it, never the folder.
    const changed = await call('setExportSettings', { schedule: { kind: 'every', hours: 4 }, workstation: 'D2' }, sue);
    expect(changed).toMatchObject({ ok: true, response: { destination: share, workstation: 'D2' } });
  });
});
