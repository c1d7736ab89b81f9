/**
 * The Export page over the real handlers (a fake `window.ledger` calling them as the IPC layer
 * would): the store loads, exports, saves and follows pushes; the view says what it shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkedDestination, exportService } from '../../electron/worker/handlers/export';
import type { ExportLedger } from '../../renderer/export/store';
import { createExportStore } from '../../renderer/export/store';
import { ExportView } from '../../renderer/export/ExportPage';
import { anchoredAgo, describeSchedule, draftOf, settingsOf, timeAgo, waiting } from '../../renderer/export/describe';
import { subscribeExportNotices } from '../../renderer/export/notices';
import { answer, openFixture, session, type Fixture } from '../handlers/fixture';
import { addOrders, scratch } from './helpers';

let f: Fixture;
let listeners: (() => void)[];

beforeEach(() => {
  f = openFixture();
  listeners = [];
});
afterEach(() => {
  exportService(f.services).stop();
  f.close();
});

/** The folder the fake main process's dialog answers with next (null: the person cancels). */
let picked: string | null = null;

/** A destination as the folder dialog sets it (or, for one that has gone since, as it was once set). */
function setDestination(destination: string) {
  const service = exportService(f.services);
  service.setSettings({ ...service.settings(), destination });
}

async function fakeLedger(canChooseFolders = true): Promise<ExportLedger> {
  const s = session();
  answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, s));
  const call = async (channel: string, request: unknown) => {
    const r = await f.call(channel, request, s);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.response;
  };
  return {
    exportStatus: (r) => call('exportStatus', r),
    exportNow: (r) => call('exportNow', r),
    setExportSettings: (r) => call('setExportSettings', r),
    rotateExportKey: (r) => call('rotateExportKey', r),
    canChooseFolders,
    // As the main process does: its own dialog, then the folder picked handed to the worker.
    chooseExportFolder: () => {
      if (!canChooseFolders) return Promise.reject(new Error('no folder dialog here'));
      if (picked === null) return Promise.resolve(null);
      setDestination(checkedDestination(picked));
      return Promise.resolve(exportService(f.services).settings());
    },
    on: ((_name: string, listener: () => void) => {
      listeners.push(listener);
      return () => {};
    }) as ExportLedger['on'],
  } as ExportLedger;
}

describe('the Export page', () => {
  it('rotates the key for a Supervisor: the page says a new key waits, and the next export announces it', async () => {
    addOrders(f.services.journal, 3);
    const api = await fakeLedger();
    const store = createExportStore(() => api);
    picked = scratch();
    await store.getState().chooseFolder();
    await store.getState().save({ workstation: 'DOCK-4', schedule: { kind: 'off' } });
    await store.getState().exportNow();
    const before = store.getState().status!;
    expect(renderToStaticMarkup(<ExportView state={store.getState()} supervisor={true} />)).toContain('Rotate the key');
    expect(renderToStaticMarkup(<ExportView state={store.getState()} supervisor={false} />)).not.toContain(
      'Rotate the key',
    );

    await store.getState().rotateKey();
    expect(store.getState().error).toBeNull();
    const pending = store.getState().status!.pendingKey!;
    expect(pending).toMatch(/^[0-9a-f]{64}$/);
    const html = renderToStaticMarkup(<ExportView state={store.getState()} supervisor={true} />);
    expect(html).toContain(`A new key (fingerprint <code class="mono small">${pending}</code>) is made`);
    expect(html).not.toContain('Rotate the key</button>');

    await store.getState().exportNow();
    const after = store.getState().status!;
    expect(store.getState().lastResult?.events).toBe(0); // nothing new: the announcement alone
    expect(after.pendingKey).toBeNull();
    expect(after.publicKey).not.toBe(before.publicKey);
    // A second rotation before any event is exported would need a second empty bundle: refused, said.
    await store.getState().rotateKey();
    expect(store.getState().error).toMatch(/no event has been recorded since/);
  });

  it('saves a schedule, exports now, and shows the export with its range, count and place', async () => {
    addOrders(f.services.journal, 4);
    const api = await fakeLedger();
    const store = createExportStore(() => api);
    await store.getState().load();
    const before = renderToStaticMarkup(<ExportView state={store.getState()} supervisor={true} />);
    expect(before).toContain('No export yet.');
    expect(before).toContain('no destination set');
    expect(before).toContain('Never anchored: nothing has been exported yet');
    expect(before).toMatch(/Export now<\/button>/);
    expect(before).toMatch(/disabled=""[^>]*>Export now/);

    const dest = scratch();
    // Cancelling the dialog changes nothing; choosing a folder sets it.
    picked = null;
    await store.getState().chooseFolder();
    expect(store.getState().status?.settings.destination).toBeNull();
    picked = dest;
    await store.getState().chooseFolder();
    expect(store.getState().status?.settings.destination).toBe(dest);
    expect(await store.getState().save({ workstation: 'DOCK-4', schedule: { kind: 'off' } })).toBe(true);
    await store.getState().exportNow();
    const s = store.getState();
    expect(s.error).toBeNull();
    expect(s.lastResult?.events).toBe(f.services.journal.lastSeq());
    const html = renderToStaticMarkup(<ExportView state={s} supervisor={true} />);
    expect(html).toContain('Everything is exported.');
    expect(html).toContain(
      `Head of the chain last anchored just now (seq ${f.services.journal.lastSeq()}, in ${s.lastResult!.bundle}).`,
    );
    expect(html).toContain(`seq 1–${f.services.journal.lastSeq()}`);
    expect(html).toContain(`${dest}/${s.lastResult!.bundle}`);
    expect(html).toContain('BEGIN PUBLIC KEY');
  });

  it('shows a failure with its retry and what is still waiting, and refreshes when an export finishes elsewhere', async () => {
    addOrders(f.services.journal, 3);
    const api = await fakeLedger();
    const store = createExportStore(() => api);
    const file = path.join(scratch(), 'file');
    fs.writeFileSync(file, '');
    exportService(f.services).start();
    setDestination(path.join(file, 'x'));
    await store.getState().save({ workstation: 'DOCK-4', schedule: { kind: 'off' } });
    await store.getState().exportNow();
    const html = renderToStaticMarkup(<ExportView state={store.getState()} supervisor={false} />);
    expect(html).toContain('The last export failed');
    expect(html).toContain('trying again at');
    expect(html).toContain(`${f.services.journal.lastSeq()} events not yet exported`);
    expect(html).toContain('Only a Supervisor may change');

    // Another export (the scheduler's) finishes: the page asks again.
    store.getState().follow();
    setDestination(scratch());
    await exportService(f.services).exportNow();
    expect(store.getState().status?.history).toHaveLength(0);
    for (const l of listeners) l();
    for (let turn = 0; turn < 50 && store.getState().status?.history.length === 0; turn++) {
      await new Promise((r) => setImmediate(r));
    }
    expect(store.getState().status?.history).toHaveLength(1);
    expect(store.getState().status?.failure).toBeNull();
  });

  it('shows how far a running export has got', async () => {
    addOrders(f.services.journal, 2);
    const api = await fakeLedger();
    const store = createExportStore(() => api);
    await store.getState().load();
    const running = { ...store.getState(), exporting: true };
    const html = renderToStaticMarkup(
      <ExportView state={running} supervisor={true} progress={{ done: 12000, total: 211273 }} />,
    );
    expect(html).toContain('Exporting: 12,000 of 211,273 events written.');
    expect(html).toMatch(/disabled=""[^>]*>Exporting…/);
  });

  it('says a training journal is never exported, offering no button', () => {
    const state = createExportStore(() => ({}) as ExportLedger).getState();
    const training = {
      ...state,
      status: {
        settings: { destination: null, schedule: { kind: 'off' as const }, workstation: 'w' },
        cursor: 0,
        lastSeq: 3,
        history: [],
        nextRun: null,
        running: false,
        failure: null,
        training: true,
        publicKey: null,
      },
    };
    const html = renderToStaticMarkup(<ExportView state={training} supervisor={true} />);
    expect(html).toContain('Nothing from a training journal is ever exported');
    expect(html).not.toContain('Export now');
  });
});

describe('the export destination on the page', () => {
  it('is shown, never typed: a Supervisor under Electron gets "Choose folder…", the browser host says where it is set', async () => {
    const api = await fakeLedger(true);
    const store = createExportStore(() => api);
    await store.getState().load();
    const html = renderToStaticMarkup(<ExportView state={store.getState()} supervisor={true} />);
    expect(html).toContain('Choose folder…');
    expect(html).not.toContain('placeholder="/mnt');
    expect(html).not.toContain('warehouse-ledger export settings');
    // A Clerk sees where exports go and no button.
    expect(renderToStaticMarkup(<ExportView state={store.getState()} supervisor={false} />)).not.toContain(
      'Choose folder…',
    );

    f.close();
    f = openFixture();
    const browser = await fakeLedger(false);
    const inBrowser = createExportStore(() => browser);
    await inBrowser.getState().load();
    const page = renderToStaticMarkup(<ExportView state={inBrowser.getState()} supervisor={true} />);
    expect(page).not.toContain('Choose folder…');
    expect(page).toContain('warehouse-ledger export settings --destination DIR');
    expect(page).toContain('none chosen yet');
  });
});

describe('the schedule form', () => {
  it('turns its fields into settings, or says what is wrong', () => {
    const base = draftOf({ destination: '/share', workstation: 'DOCK-1', schedule: { kind: 'off' } });
    // The destination is no field of the form: it is chosen in a folder dialog, never typed.
    expect(Object.keys(base)).not.toContain('destination');
    expect(settingsOf({ ...base, kind: 'every', hours: '6' })).toEqual({
      ok: true,
      settings: { workstation: 'DOCK-1', schedule: { kind: 'every', hours: 6 } },
    });
    expect(settingsOf({ ...base, kind: 'daily', at: '07:45' })).toMatchObject({ ok: true });
    expect(settingsOf({ ...base, kind: 'every', hours: '0' })).toMatchObject({ ok: false, problem: /1 to 168/ });
    expect(settingsOf({ ...base, kind: 'daily', at: '7:5' })).toMatchObject({ ok: false, problem: /HH:MM/ });
    expect(draftOf({ destination: null, workstation: 'w', schedule: { kind: 'off' } }).hours).toBe('1');
    expect(describeSchedule({ kind: 'daily', at: '18:00' })).toBe('Every day at 18:00');
    expect(waiting({ cursor: 10, lastSeq: 11 })).toBe('1 event not yet exported (seq 11).');
  });

  it('says how long ago the head of the chain was last anchored', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const entry = (at: string) => ({
      id: 1,
      bundle: 'DOCK-1_000000000001-000000000042',
      fromSeq: 1,
      toSeq: 42,
      events: 42,
      destination: '/share',
      at,
    });
    expect(anchoredAgo({ history: [] }, now)).toMatch(/^Never anchored/);
    expect(anchoredAgo({ history: [entry('2026-12-01T09:48:00Z')] }, now)).toBe(
      'Head of the chain last anchored 12 minutes ago (seq 42, in DOCK-1_000000000001-000000000042).',
    );
    expect(timeAgo(new Date('2026-12-01T09:59:30Z'), now)).toBe('just now');
    expect(timeAgo(new Date('2026-12-01T09:00:00Z'), now)).toBe('1 hour ago');
    expect(timeAgo(new Date('2026-11-28T10:00:00Z'), now)).toBe('3 days ago');
  });
});

describe('export notices', () => {
  it('tells every failure as a toast, the first of a run of failures as a notification, and the recovery', () => {
    let listener: ((p: unknown) => void) | undefined;
    const api = {
      on: (_name: string, l: (p: unknown) => void) => {
        listener = l;
        return () => {};
      },
    } as unknown as Parameters<typeof subscribeExportNotices>[0];
    const toasts: string[] = [];
    const notes: string[] = [];
    subscribeExportNotices(api, { toast: (k, t) => toasts.push(`${k}: ${t}`), notify: (_t, b) => notes.push(b) });
    const failure = { message: 'the export destination /mnt/x does not exist', at: '', attempts: 1, retryAt: 'soon' };
    listener!({ ok: false, trigger: 'schedule', result: null, failure });
    listener!({ ok: false, trigger: 'retry', result: null, failure: { ...failure, attempts: 2 } });
    listener!({
      ok: true,
      trigger: 'retry',
      result: { bundle: 'W_1-9', fromSeq: 1, toSeq: 9, events: 9 },
      failure: null,
    });
    listener!({
      ok: true,
      trigger: 'schedule',
      result: { bundle: null, fromSeq: 10, toSeq: 9, events: 0 },
      failure: null,
    });
    expect(toasts).toEqual([
      'error: Export to corporate failed: the export destination /mnt/x does not exist. It will be tried again shortly.',
      'error: Export to corporate failed: the export destination /mnt/x does not exist. It will be tried again shortly.',
      'ok: Export to corporate works again: 9 events in W_1-9.',
    ]);
    expect(notes).toHaveLength(1);
  });
});
