/**
 * The Electron glue under a mocked `electron`: the window's webPreferences, the CSP, every
 * contract channel registered with ipcMain.handle, foreign senders refused, navigation and new
 * windows denied, permissions denied, one instance only.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KeyProtector } from '../../electron/export/keys';
import { channels, ipcChannel } from '../../shared/contract/channels';
import { FILES_CHOOSE_IPC, FILES_OFFER_IPC } from '../../shared/contract/files';
import { EXPORT_FOLDER_IPC, IMPORT_FOLDER_IPC } from '../../shared/contract/ipc';
import { appProtocolHandler } from '../../electron/main/appProtocol';
import { APP_CSP, isAppUrl } from '../../electron/main/security';

type Listener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: { options: Record<string, unknown>; url?: string }[] = [];
  const appListeners = new Map<string, (...args: unknown[]) => unknown>();
  const headerHooks: ((details: unknown, cb: (r: unknown) => void) => void)[] = [];
  const permissionHandlers: ((...args: unknown[]) => void)[] = [];
  const permissionChecks: (() => boolean)[] = [];
  const calls: { channel: string; request: unknown; session: string }[] = [];
  const grants: { session: string; kind: string; files: { name: string; path: string; size: number }[] }[] = [];
  /** Export destinations handed to the worker, with the window's session. */
  const destinations: { session: string; folder: string }[] = [];
  /** Import folders handed to the worker, with the window's session. */
  const importFolders: { session: string; folder: string }[] = [];
  /** What the mocked dialogs answer next: the open dialog's paths, the drop confirmation's button. */
  const dialogs = { open: { canceled: true, filePaths: [] as string[] }, confirm: 1, confirmed: [] as string[] };
  const started: { options: Record<string, unknown>; protector: unknown }[] = [];
  /** Schemes registered as privileged (and whether the app was ready by then), protocol handlers. */
  const schemes: { schemes: unknown; ready: boolean }[] = [];
  const protocols = new Map<string, (request: Request) => Promise<Response>>();
  const state = { ready: false };
  return {
    schemes,
    protocols,
    state,
    handlers,
    windows,
    appListeners,
    headerHooks,
    permissionHandlers,
    permissionChecks,
    calls,
    grants,
    destinations,
    importFolders,
    dialogs,
    started,
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { id: 7, on: () => {}, send: () => {}, isDestroyed: () => false, reload: () => {} };
    constructor(options: Record<string, unknown>) {
      h.windows.push({ options });
    }
    static getAllWindows() {
      return [];
    }
    static fromWebContents() {
      return null;
    }
    once() {}
    on() {}
    maximize() {}
    loadURL(url: string) {
      h.windows[h.windows.length - 1]!.url = url;
      return Promise.resolve();
    }
  }
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: (fn: (d: unknown, cb: (r: unknown) => void) => void) => h.headerHooks.push(fn) },
      setPermissionRequestHandler: (fn: (...args: unknown[]) => void) => h.permissionHandlers.push(fn),
      setPermissionCheckHandler: (fn: () => boolean) => h.permissionChecks.push(fn),
    },
  };
  return {
    app: {
      requestSingleInstanceLock: () => true,
      on: (name: string, fn: (...args: unknown[]) => unknown) => h.appListeners.set(name, fn),
      whenReady: () => {
        h.state.ready = true;
        return Promise.resolve();
      },
      getPath: () => '/tmp/warehouse-ledger-test-user-data',
      isPackaged: false,
      getVersion: () => '0.0.0',
      quit: () => {},
      exit: () => {},
    },
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => h.schemes.push({ schemes, ready: h.state.ready }),
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) => h.protocols.set(scheme, fn),
    },
    ipcMain: { handle: (name: string, fn: (...args: unknown[]) => unknown) => h.handlers.set(name, fn) },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
    dialog: {
      showErrorBox: () => {},
      showOpenDialog: () => Promise.resolve(h.dialogs.open),
      showMessageBox: (options: { detail?: string }) => {
        h.dialogs.confirmed.push(options.detail ?? '');
        return Promise.resolve({ response: h.dialogs.confirm });
      },
    },
    Notification: class {
      static isSupported() {
        return false;
      }
    },
    session,
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
      decryptString: (b: Buffer) => Buffer.from(b.toString().slice('sealed:'.length), 'base64').toString(),
    },
  };
});

vi.mock('../../electron/worker/client', () => ({
  JournalWorkerClient: {
    start: async (options: Record<string, unknown>, _start: unknown, protector: unknown) => ({
      ...(h.started.push({ options, protector }) && {}),
      journalPath: '/tmp/journal.db',
      onPush: () => () => {},
      endSession: () => {},
      call: async (channel: string, request: unknown, session: string) => {
        h.calls.push({ channel, request, session });
        return { ok: true, response: { channel } };
      },
      setChosenFolder: async (session: string, purpose: string, folder: string) => {
        if (purpose === 'import') {
          h.importFolders.push({ session, folder });
          return { ok: true, response: { inboxFolder: folder } };
        }
        h.destinations.push({ session, folder });
        return { ok: true, response: { destination: folder } };
      },
      grantFiles: async (session: string, kind: string, files: { name: string; path: string; size: number }[]) => {
        h.grants.push({ session, kind, files });
        return {
          ok: true,
          response: files.map((f, i) => ({ fileId: `granted-file-id-${i}`, name: f.name, size: f.size })),
        };
      },
    }),
  },
}));

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent }, sender: { id: 7 } });

describe('the Electron main process', () => {
  let appUrl: string;

  beforeAll(async () => {
    await import('../../electron/main/index');
    // main() runs on import; let its awaits settle.
    await vi.waitFor(() => expect(h.windows).toHaveLength(1));
    appUrl = h.windows[0]!.url!;
  });

  it('keeps the signing key in a folder of its own, sealed by the keychain the worker asks this process for', async () => {
    const { options, protector } = h.started[0]!;
    expect(options.keyDir).toBe('/tmp/warehouse-ledger-test-user-data/signing-key');
    expect(options.keyDir).not.toBe(dirname(String(options.journalPath)));
    const keys = protector as KeyProtector;
    expect(keys.kind).toBe('safe-storage');
    const sealed = await keys.seal('-----BEGIN PRIVATE KEY-----\nsecret\n');
    expect(sealed.toString()).not.toContain('secret');
    expect(await keys.unseal(sealed)).toBe('-----BEGIN PRIVATE KEY-----\nsecret\n');
  });

  it('opens the window with the security checklist applied', () => {
    const prefs = h.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(appUrl).toBe('app://ledger/index.html');
  });

  it('sets a CSP with nothing remote on every response', () => {
    expect(h.headerHooks).toHaveLength(1);
    let result: { responseHeaders: Record<string, string[]> } | undefined;
    h.headerHooks[0]!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (result = r as typeof result));
    const csp = result!.responseHeaders['Content-Security-Policy']![0]!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/https?:|\*|unsafe-eval/);
    expect(result!.responseHeaders['X-Other']).toEqual(['1']);
  });

  it('denies every permission request', () => {
    let granted: boolean | undefined;
    h.permissionHandlers[0]!({}, 'notifications', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(h.permissionChecks[0]!()).toBe(false);
  });

  it('registers every contract channel with ipcMain.handle, the two file choosers and the two folder dialogs', () => {
    expect([...h.handlers.keys()].sort()).toEqual(
      [
        ...Object.keys(channels).map(ipcChannel),
        FILES_CHOOSE_IPC,
        FILES_OFFER_IPC,
        EXPORT_FOLDER_IPC,
        IMPORT_FOLDER_IPC,
      ].sort(),
    );
  });

  it('sets the import folder only to the folder its own dialog picked, whatever the message carries', async () => {
    const choose = h.handlers.get(IMPORT_FOLDER_IPC)!;
    h.dialogs.open = { canceled: true, filePaths: [] };
    expect(await choose(frame(appUrl), '/root/.ssh')).toEqual({ ok: true, response: null });
    expect(h.importFolders).toEqual([]);
    h.dialogs.open = { canceled: false, filePaths: ['/srv/warehouse/drop'] };
    expect(await choose(frame(appUrl), { inboxFolder: '/root/.ssh' })).toEqual({
      ok: true,
      response: { inboxFolder: '/srv/warehouse/drop' },
    });
    expect(h.importFolders).toEqual([{ session: 'window-7', folder: '/srv/warehouse/drop' }]);
    // It is the import folder, not the export destination, that the worker is handed.
    expect(h.destinations).toEqual([]);
    // Another site's frame gets no dialog and sets nothing.
    expect(await choose(frame('https://evil.example/'), '/etc')).toMatchObject({ ok: false });
    expect(h.importFolders).toHaveLength(1);
    h.dialogs.open = { canceled: true, filePaths: [] };
  });

  it('sets the export destination only to the folder its own dialog picked, whatever the message carries', async () => {
    const choose = h.handlers.get(EXPORT_FOLDER_IPC)!;
    h.dialogs.open = { canceled: true, filePaths: [] };
    // A page sending a path gets the dialog, not its path; cancelled, nothing is handed on.
    expect(await choose(frame(appUrl), '/etc')).toEqual({ ok: true, response: null });
    expect(h.destinations).toEqual([]);
    h.dialogs.open = { canceled: false, filePaths: ['/mnt/corporate/exports'] };
    expect(await choose(frame(appUrl), { destination: '/etc' })).toEqual({
      ok: true,
      response: { destination: '/mnt/corporate/exports' },
    });
    expect(h.destinations).toEqual([{ session: 'window-7', folder: '/mnt/corporate/exports' }]);
    // Another site's frame gets no dialog and sets nothing.
    expect(await choose(frame('https://evil.example/'))).toMatchObject({ ok: false });
    expect(h.destinations).toHaveLength(1);
    h.dialogs.open = { canceled: true, filePaths: [] };
  });

  describe('chosen files', () => {
    let dir: string;
    let file: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ledger-main-files-'));
      file = join(dir, 'events.ndjson');
      writeFileSync(file, '{}\n');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("grants what the main process's open dialog picked, to the window that asked", async () => {
      const choose = h.handlers.get(FILES_CHOOSE_IPC)!;
      h.dialogs.open = { canceled: true, filePaths: [] };
      expect(await choose(frame(appUrl), 'events')).toEqual({ ok: true, response: [] });
      h.dialogs.open = { canceled: false, filePaths: [file] };
      const before = h.grants.length;
      expect(await choose(frame(appUrl), 'events')).toEqual({
        ok: true,
        response: [{ fileId: 'granted-file-id-0', name: file, size: 3 }],
      });
      expect(h.grants.slice(before)).toEqual([
        { session: 'window-7', kind: 'events', files: [{ name: file, path: file, size: 3, temporary: false }] },
      ]);
      // Another site's frame gets no dialog and no grant.
      expect(await choose(frame('https://evil.example/'), 'events')).toMatchObject({ ok: false });
      expect(await choose(frame(appUrl), 'keys')).toMatchObject({ ok: false });
      expect(h.grants.length).toBe(before + 1);
    });

    it('grants a dropped path only once the person confirms it in a dialog of the main process', async () => {
      const offer = h.handlers.get(FILES_OFFER_IPC)!;
      const before = h.grants.length;
      // A forged "drop" of the signing key: the person is asked, says no, nothing is granted.
      h.dialogs.confirm = 1;
      expect(await offer(frame(appUrl), { kind: 'events', paths: ['/root/.config/export-key.pem'] })).toEqual({
        ok: true,
        response: [],
      });
      expect(h.dialogs.confirmed.at(-1)).toBe('/root/.config/export-key.pem');
      // A File the page made itself has no path.
      expect(await offer(frame(appUrl), { kind: 'events', paths: [''] })).toMatchObject({ ok: false });
      expect(await offer(frame(appUrl), { kind: 'events', paths: [42] })).toMatchObject({ ok: false });
      h.dialogs.confirm = 0;
      expect(await offer(frame(appUrl), { kind: 'events', paths: [dir] })).toMatchObject({
        ok: false,
        error: { message: `${dir} is not a file.` },
      });
      expect(await offer(frame(appUrl), { kind: 'events', paths: [file] })).toMatchObject({ ok: true });
      expect(h.grants.slice(before).map((g) => g.files.map((f) => f.path))).toEqual([[file]]);
      h.dialogs.confirm = 1;
    });
  });

  it("forwards the app's own calls to the worker in the window's session, and refuses foreign senders", async () => {
    const handle = h.handlers.get(ipcChannel('session'))!;
    expect(await handle(frame(appUrl), {})).toEqual({ ok: true, response: { channel: 'session' } });
    expect(h.calls.at(-1)).toEqual({ channel: 'session', request: {}, session: 'window-7' });
    const before = h.calls.length;
    for (const event of [
      frame('https://evil.example/'),
      frame('file:///tmp/other.html'),
      frame(appUrl, { url: appUrl }),
      { senderFrame: null, sender: { id: 7 } },
    ]) {
      expect(await handle(event, {})).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    }
    expect(h.calls.length).toBe(before);
  });

  it('denies navigation away from the app and every new window', () => {
    const created = h.appListeners.get('web-contents-created')!;
    const on = new Map<string, Listener>();
    let openHandler: (() => unknown) | undefined;
    created(
      {},
      {
        on: (name: string, fn: Listener) => on.set(name, fn),
        setWindowOpenHandler: (fn: () => unknown) => (openHandler = fn),
      },
    );
    const navigate = (url: string) => {
      let prevented = false;
      on.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(appUrl)).toBe(false);
    expect(openHandler!()).toEqual({ action: 'deny' });
    let webview = false;
    on.get('will-attach-webview')!({ preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
  });

  describe('the renderer on its own scheme', () => {
    let root: string;
    let outside: string;
    beforeAll(() => {
      outside = mkdtempSync(join(tmpdir(), 'ledger-main-protocol-'));
      root = join(outside, 'renderer');
      mkdirSync(join(root, 'assets'), { recursive: true });
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>Warehouse Ledger</title>');
      writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
      writeFileSync(join(outside, 'secret.txt'), 'not for the page');
    });
    afterAll(() => rmSync(outside, { recursive: true, force: true }));

    const get = (url: string, method = 'GET') => ({ url, method }) as Request;
    const csp = (res: Response) => res.headers.get('Content-Security-Policy');

    it('registers app:// as a privileged scheme before the app is ready, and handles it', async () => {
      expect(h.schemes).toEqual([
        {
          schemes: [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }],
          ready: false,
        },
      ]);
      const handler = h.protocols.get('app')!;
      expect(handler).toBeTypeOf('function');
      // The registered handler serves the renderer's out folder only, with the CSP even on a refusal.
      const refused = await handler(get('app://ledger/..%2f..%2fpackage.json'));
      expect(refused.status).toBe(404);
      expect(csp(refused)).toBe(APP_CSP);
    });

    it('serves index.html and an asset from the out folder, each with the CSP', async () => {
      const handler = appProtocolHandler(root);
      const index = await handler(get('app://ledger/index.html'));
      expect(index.status).toBe(200);
      expect(index.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(csp(index)).toBe(APP_CSP);
      expect(await index.text()).toContain('<title>Warehouse Ledger</title>');
      const asset = await handler(get('app://ledger/assets/index-abc123.js'));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('Content-Type')).toMatch(/^text\/javascript/);
      expect(csp(asset)).toBe(APP_CSP);
      expect(await asset.text()).toBe('console.log(1);');
      expect((await handler(get('app://ledger/'))).status).toBe(200);
    });

    it('refuses a path outside the out folder, another host and anything but GET', async () => {
      const handler = appProtocolHandler(root);
      for (const url of [
        'app://ledger/..%2fsecret.txt',
        'app://ledger/%2e%2e%2fsecret.txt',
        'app://ledger/assets/..%2f..%2fsecret.txt',
        'app://ledger/..%5csecret.txt',
        `app://ledger/${encodeURIComponent(join(outside, 'secret.txt'))}`,
        'app://ledger/missing.js',
        'app://other/index.html',
      ]) {
        const res = await handler(get(url));
        expect(res.status, url).toBe(404);
        expect(csp(res), url).toBe(APP_CSP);
        expect(await res.text(), url).not.toContain('not for the page');
      }
      expect((await handler(get('app://ledger/index.html', 'POST'))).status).toBe(405);
    });

    it('counts app://ledger/ as the app, and nothing else on that scheme or from files', () => {
      expect(isAppUrl('app://ledger/index.html#/orders', appUrl)).toBe(true);
      expect(isAppUrl('app://ledger/index.html', appUrl)).toBe(true);
      expect(isAppUrl('app://evil/index.html', appUrl)).toBe(false);
      expect(isAppUrl('file:///tmp/index.html', appUrl)).toBe(false);
      expect(isAppUrl('https://ledger/index.html', appUrl)).toBe(false);
    });
  });

  it('keeps to one instance', () => {
    expect(h.appListeners.has('second-instance')).toBe(true);
  });
});
