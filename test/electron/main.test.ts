/**
 * The Electron glue under a mocked `electron`: the window's webPreferences, the CSP, every
 * contract channel registered with ipcMain.handle, foreign senders refused, navigation and new
 * windows denied, permissions denied, one instance only.
 */
import { dirname } from 'node:path';
import type { KeyProtector } from '../../electron/export/keys';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channels, ipcChannel } from '../../shared/contract/channels';

type Listener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: { options: Record<string, unknown>; url?: string }[] = [];
  const appListeners = new Map<string, (...args: unknown[]) => unknown>();
  const headerHooks: ((details: unknown, cb: (r: unknown) => void) => void)[] = [];
  const permissionHandlers: ((...args: unknown[]) => void)[] = [];
  const permissionChecks: (() => boolean)[] = [];
  const calls: { channel: string; request: unknown; session: string }[] = [];
  const started: { options: Record<string, unknown>; protector: unknown }[] = [];
  return { handlers, windows, appListeners, headerHooks, permissionHandlers, permissionChecks, calls, started };
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
      whenReady: () => Promise.resolve(),
      getPath: () => '/tmp/warehouse-ledger-test-user-data',
      isPackaged: false,
      getVersion: () => '0.0.0',
      quit: () => {},
      exit: () => {},
    },
    BrowserWindow,
    ipcMain: { handle: (name: string, fn: (...args: unknown[]) => unknown) => h.handlers.set(name, fn) },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
    dialog: {
      showErrorBox: () => {},
      showOpenDialog: () => ({ canceled: true, filePaths: [] }),
      showMessageBox: () => {},
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

vi.mock('../../electron/jobs/client', () => ({
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
    expect(appUrl).toMatch(/^file:.*renderer\/index\.html$/);
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

  it('registers every contract channel with ipcMain.handle', () => {
    expect([...h.handlers.keys()].sort()).toEqual(Object.keys(channels).map(ipcChannel).sort());
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

  it('keeps to one instance', () => {
    expect(h.appListeners.has('second-instance')).toBe(true);
  });
});
