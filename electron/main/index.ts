/**
 * The Electron main process: thin glue. The journal and the handlers run in the journal worker
 * (../jobs); this file opens the window with the security checklist applied (./security),
 * forwards IPC (./ipc), and owns what only Electron can do: menus, dialogs, notifications.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JournalWorkerClient } from '../worker/client';
import { defaultKeyFolder } from '../export/keys';
import { defaultJournalPath } from '../paths';
import { SETTINGS_FILE } from '../settings/store';
import { createErrorNotifier } from '../notify';
import type { NewErrors } from '../notify/errorNotice';
import { registerChannels, sendPush, windowSession } from './channels';
import { grant, registerFileChoosers, showOpen } from './files';
import type { ChosenFile } from '../../shared/contract/files';
import { safeStorageKeys } from './keyProtector';
import { menuTemplate } from './menu';
import { applyCsp, denyPermissions, lockNavigation } from './security';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './appProtocol';
import { loadBounds, saveBounds } from './windowState';

const here = dirname(fileURLToPath(import.meta.url));
/** The renderer's out folder, served as app://ledger/ (./appProtocol); in development, electron-vite's dev server. */
const RENDERER_DIR = join(here, '../renderer');
const APP_URL = process.env.ELECTRON_RENDERER_URL ?? APP_INDEX_URL;
const PRELOAD = join(here, '../preload/index.cjs');

let worker: JournalWorkerClient | undefined;
let mainWindow: BrowserWindow | undefined;

/** better-sqlite3 built for Electron's ABI (scripts/build-electron-sqlite.mjs), shipped beside the app. */
function nativeBinding(): string | undefined {
  const file = app.isPackaged
    ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : resolve('build/native/better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

async function startWorker(journalPath: string): Promise<JournalWorkerClient> {
  const binding = nativeBinding();
  const client = await JournalWorkerClient.start(
    {
      journalPath,
      settingsFile: join(app.getPath('userData'), SETTINGS_FILE),
      keyDir: defaultKeyFolder(app.getPath('userData')),
      validateResponses: !app.isPackaged,
      watchInbox: true,
      ...(binding ? { nativeBinding: binding } : {}),
    },
    undefined,
    // The signing key sealed by the keychain; the worker asks this process to seal and unseal it.
    safeStorageKeys(safeStorage),
  );
  const notify = createErrorNotifier(() => mainWindow?.show());
  client.onPush((name, payload) => {
    sendPush(
      BrowserWindow.getAllWindows().map((w) => w.webContents),
      name,
      payload,
    );
    if (name === 'newErrorAnomalies') notify(payload as NewErrors);
  });
  return client;
}

function createWindow(): BrowserWindow {
  const boundsFile = join(app.getPath('userData'), 'window.json');
  const bounds = loadBounds(boundsFile);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Warehouse Ledger',
    // The security checklist, written out here where reviewers (and electronegativity) look for it.
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click must not open a link in a new window either.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveBounds(boundsFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  win.webContents.on('destroyed', () => worker?.endSession(windowSession(win.webContents)));
  void win.loadURL(APP_URL);
  return win;
}

async function openJournal(): Promise<void> {
  if (!worker || !mainWindow) return;
  const picked = await dialog.showOpenDialog(mainWindow, {
    title: 'Open journal',
    properties: ['openFile', 'promptToCreate'],
    filters: [{ name: 'Journals', extensions: ['db', 'sqlite'] }],
  });
  const path = picked.filePaths[0];
  if (picked.canceled || !path) return;
  const result = await worker.open(path);
  if (!result.ok) dialog.showErrorBox('Cannot open the journal', result.error.message);
  else mainWindow.webContents.reload();
}

async function importEvents(): Promise<void> {
  if (!worker || !mainWindow) return;
  const client = worker;
  const contents = mainWindow.webContents;
  const paths = await showOpen({ dialog, windowOf: () => mainWindow ?? null }, null, 'events', mainWindow);
  if (paths.length === 0) return;
  const granted = await grant({ worker: () => client }, { sender: contents }, 'events', paths);
  const result = granted.ok
    ? await client.call(
        'importFiles',
        { files: (granted.response as ChosenFile[]).map((f) => f.fileId) },
        windowSession(contents),
      )
    : granted;
  if (!result.ok) dialog.showErrorBox('Cannot import', result.error.message);
}

function about(): void {
  void dialog.showMessageBox({
    type: 'info',
    title: 'About Warehouse Ledger',
    message: `Warehouse Ledger ${app.getVersion()}`,
    detail: `An append-only journal of warehouse order events.\nJournal: ${worker?.journalPath ?? '(none)'}`,
  });
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, APP_URL));
  // A scheme is privileged only when registered before the app is ready.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  await app.whenReady();
  protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
  applyCsp(session.defaultSession);
  denyPermissions(session.defaultSession);
  registerChannels(
    ipcMain,
    () => {
      if (!worker) throw new Error('the journal worker is not running');
      return worker;
    },
    APP_URL,
  );
  registerFileChoosers(ipcMain, {
    worker: () => {
      if (!worker) throw new Error('the journal worker is not running');
      return worker;
    },
    dialog,
    windowOf: (event) => BrowserWindow.fromWebContents(event.sender),
    appUrl: APP_URL,
  });
  try {
    worker = await startWorker(process.env.WAREHOUSE_LEDGER_DB ?? defaultJournalPath());
  } catch (e) {
    dialog.showErrorBox('Cannot open the journal', (e as Error).message);
    app.exit(1);
    return;
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({ openJournal: () => void openJournal(), importEvents: () => void importEvents(), about }),
    ),
  );
  mainWindow = createWindow();
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!worker) return;
    event.preventDefault();
    const closing = worker;
    worker = undefined;
    void closing.close().finally(() => app.quit());
  });
}

void main();
