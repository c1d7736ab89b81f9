import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkedDestination, exportService } from '../../electron/worker/handlers/export';
import { answer, openFixture, session, type Fixture } from '../handlers/fixture';
import type { ExportStatus } from '../../shared/contract/export';
import { addOrders, scratch } from './helpers';

describe('the export channels', () => {
  let f: Fixture;
  beforeEach(() => {
    f = openFixture();
    // As the worker does when it opens a journal.
    exportService(f.services).start();
  });
  afterEach(() => {
    exportService(f.services).stop();
    f.close();
  });

  /** As the folder dialog of the main process does (the worker's setChosenFolder). */
  function chooseDestination(destination: string) {
    const service = exportService(f.services);
    service.setSettings({ ...service.settings(), destination, schedule: { kind: 'off' }, workstation: 'DOCK-2' });
  }

  async function supervisor() {
    const s = session();
    answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, s));
    return s;
  }

  it('sets the settings (Supervisor), exports now, shows the export in the status and pushes the outcome', async () => {
    const s = await supervisor();
    addOrders(f.services.journal, 5);
    const dest = scratch();
    chooseDestination(dest);
    const change = { schedule: { kind: 'every', hours: 12 }, workstation: 'DOCK-2' };
    const settings = { destination: dest, ...change };
    // The schedule and name from the page; the destination stays as chosen.
    expect(answer(await f.call('setExportSettings', change, s))).toEqual(settings);

    const result = answer<{ bundle: string; events: number }>(await f.call('exportNow', {}, s));
    expect(result.events).toBe(f.services.journal.lastSeq());
    expect(fs.existsSync(path.join(dest, result.bundle))).toBe(true);

    const status = answer<ExportStatus>(await f.call('exportStatus', {}, s));
    expect(status).toMatchObject({
      settings,
      cursor: f.services.journal.lastSeq(),
      lastSeq: f.services.journal.lastSeq(),
      running: false,
      failure: null,
      training: false,
    });
    expect(status.history[0]).toMatchObject({ bundle: result.bundle, fromSeq: 1, destination: dest });
    expect(status.nextRun).not.toBeNull();
    expect(f.pushes.filter((p) => p.name === 'exportFinished').map((p) => p.payload)).toEqual([
      { ok: true, trigger: 'button', result, failure: null },
    ]);
    // Shown with the other long jobs: progress up to every event, then finished.
    const events = result.events;
    expect(f.pushes.filter((p) => p.name === 'jobProgress').at(-1)?.payload).toMatchObject({
      kind: 'export',
      done: events,
      total: events,
    });
    expect(f.pushes.filter((p) => p.name === 'jobFinished').at(-1)?.payload).toMatchObject({
      kind: 'export',
      ok: true,
    });
  });

  it('answers a failed export with what went wrong, keeps it in the status, and pushes it', async () => {
    const s = await supervisor();
    addOrders(f.services.journal, 2);
    const file = path.join(scratch(), 'file');
    fs.writeFileSync(file, '');
    const destination = path.join(file, 'share');
    // A destination chosen when it was a folder, and gone since (a share unmounted, say).
    chooseDestination(destination);
    const r = await f.call('exportNow', {}, s);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/is not a folder/) });
    const status = answer<ExportStatus>(await f.call('exportStatus', {}, s));
    expect(status.failure).toMatchObject({ attempts: 1, message: expect.stringMatching(/is not a folder/) });
    expect(status.cursor).toBe(0);
    const pushed = f.pushes.find((p) => p.name === 'exportFinished')?.payload as { ok: boolean };
    expect(pushed.ok).toBe(false);
    // The back-off retry is what runs next (stopped after the test).
    expect(status.failure!.retryAt).not.toBeNull();
    expect(status.nextRun).toBe(status.failure!.retryAt);
  });

  it('refuses a destination sent over the channel, from a Supervisor or a Clerk, and settings from a Clerk', async () => {
    const s = await supervisor();
    for (const destination of ['/tmp', 'share', scratch()]) {
      const sent = await f.call(
        'setExportSettings',
        { destination, schedule: { kind: 'off' }, workstation: 'DOCK-2' },
        s,
      );
      expect(!sent.ok && sent.error.code).toBe('invalid-request');
      expect(!sent.ok && sent.error.message).toMatch(/destination/);
    }
    answer(await f.call('addOperator', { id: 'cleo', name: 'Cleo', role: 'Clerk', password: 'password-2' }, s));
    const clerk = session('window-2');
    answer(await f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, clerk));
    const withPath = await f.call(
      'setExportSettings',
      { destination: '/tmp', schedule: { kind: 'off' }, workstation: 'DOCK-2' },
      clerk,
    );
    expect(!withPath.ok && withPath.error.code).toMatch(/invalid-request|not-allowed/);
    const refused = await f.call('setExportSettings', { schedule: { kind: 'off' }, workstation: 'DOCK-3' }, clerk);
    expect(!refused.ok && refused.error.code).toBe('not-allowed');
    const status = answer<ExportStatus>(await f.call('exportStatus', {}, clerk));
    expect(status.settings.destination).toBeNull();
    expect(status.settings.workstation).not.toBe('DOCK-3');
  });

  it('takes a chosen destination only as an existing folder by its full path', () => {
    const dir = scratch();
    expect(checkedDestination(dir)).toBe(dir);
    expect(() => checkedDestination('share')).toThrow(/not a full path/);
    expect(() => checkedDestination(`${dir}/../x`)).toThrow(/not a full path/);
    expect(() => checkedDestination(path.join(dir, 'missing'))).toThrow(/is not there/);
    const file = path.join(dir, 'file');
    fs.writeFileSync(file, '');
    expect(() => checkedDestination(file)).toThrow(/is not a folder/);
  });

  it("answers a Clerk's verify with the anchors: a journal cut back under the app is caught through the channel", async () => {
    const s = await supervisor();
    addOrders(f.services.journal, 6);
    const dest = scratch();
    chooseDestination(dest);
    const exported = answer<{ toSeq: number; bundle: string }>(await f.call('exportNow', {}, s));
    answer(await f.call('addOperator', { id: 'cleo', name: 'Cleo', role: 'Clerk', password: 'password-2' }, s));
    const clerk = session('window-2');
    answer(await f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, clerk));
    expect(answer(await f.call('verify', {}, clerk))).toMatchObject({
      ok: true,
      anchors: { exports: 1, bundles: 1, folders: [dest], unreachable: [] },
    });

    // Someone with the file drops the triggers, cuts the journal back, wipes the export log and rebuilds.
    const db = new Database(f.services.journal.path);
    db.exec('DROP TRIGGER events_no_delete; DROP TRIGGER exports_no_delete;');
    db.prepare('DELETE FROM events WHERE seq > 3').run();
    db.exec('DELETE FROM exports');
    db.close();
    f.services.journal.rebuild();

    const report = answer<{ ok: boolean; problem: string }>(await f.call('verify', {}, clerk));
    expect(report.ok).toBe(false);
    expect(report.problem).toContain(`seq ${exported.toSeq} was exported in ${exported.bundle} in ${dest}`);
    // And nothing is signed for it.
    const again = await f.call('exportNow', {}, s);
    expect(!again.ok && again.error.message).toMatch(/conflict|does not match this journal|not hold|broken/);
  });

  it('lets only a Supervisor rotate the signing key', async () => {
    const s = await supervisor();
    answer(await f.call('addOperator', { id: 'cleo', name: 'Cleo', role: 'Clerk', password: 'password-2' }, s));
    const clerk = session('window-2');
    answer(await f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, clerk));
    answer(await f.call('exportStatus', {}, clerk)); // the key exists once the page has been seen
    const refused = await f.call('rotateExportKey', {}, clerk);
    expect(!refused.ok && refused.error.code).toBe('not-allowed');
    expect(answer<ExportStatus>(await f.call('exportStatus', {}, clerk)).pendingKey).toBeNull();
    const made = answer<{ fingerprint: string }>(await f.call('rotateExportKey', {}, s));
    expect(answer<ExportStatus>(await f.call('exportStatus', {}, s)).pendingKey).toBe(made.fingerprint);
    const twice = await f.call('rotateExportKey', {}, s);
    expect(!twice.ok && twice.error).toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/already pending/),
    });
  });
});
