/**
 * Chosen files, on the main process's side: the only way a file reaches the journal worker from
 * a window. `chooseFiles` shows the open dialog here, in the main process, so what the person
 * picks is what is read; `offerFiles` takes paths the preload found for dropped files and shows
 * them in a confirmation dialog of the main process before granting them: a page (or a
 * devtools console in the preload's world) can send any path it likes in such a message, but it
 * cannot answer a native dialog. Every path granted is a regular file at the time it is granted.
 */
import { statSync } from 'node:fs';
import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent } from 'electron';
import { EXPORT_FOLDER_IPC, IMPORT_FOLDER_IPC, type FolderPurpose } from '../../shared/contract/ipc';
import {
  FILE_EXTENSIONS,
  FILES_CHOOSE_IPC,
  FILES_OFFER_IPC,
  fileKind,
  type FileKind,
} from '../../shared/contract/files';
import type { LedgerErrorShape } from '../../shared/contract/channels';
import type { CallResult, JournalWorkerClient } from '../worker/client';
import type { FileToGrant } from '../files/grants';
import { isTrustedSender, windowSession } from './channels';

export type Granter = Pick<JournalWorkerClient, 'grantFiles' | 'setChosenFolder'>;
export type FileDialogs = Pick<Dialog, 'showOpenDialog' | 'showMessageBox'>;

export interface FileChoiceDeps {
  worker: () => Granter;
  dialog: FileDialogs;
  /** The window a message came from (the dialogs are its sheets). */
  windowOf: (event: IpcMainInvokeEvent) => BrowserWindow | null;
  appUrl: string;
}

const refused = (message: string): CallResult => ({ ok: false, error: { code: 'refused', message } });
const FOREIGN: LedgerErrorShape = { code: 'not-allowed', message: 'Only the Warehouse Ledger window may ask this.' };
const MAX_DROPPED = 100;

export function registerFileChoosers(ipcMain: IpcMain, deps: FileChoiceDeps): void {
  ipcMain.handle(FILES_CHOOSE_IPC, async (event, kind: unknown) => {
    if (!isTrustedSender(event, deps.appUrl)) return { ok: false, error: FOREIGN };
    const parsed = fileKind.safeParse(kind);
    if (!parsed.success) return refused('There is no such kind of file to choose.');
    const paths = await showOpen(deps, event, parsed.data);
    return grant(deps, event, parsed.data, paths);
  });

  // The export destination and the import folder: a folder dialog here, whatever the message says
  // (it carries nothing). The worker decides whether the window's operator may set it (a Supervisor).
  const folderChannels: [string, FolderPurpose][] = [
    [EXPORT_FOLDER_IPC, 'export'],
    [IMPORT_FOLDER_IPC, 'import'],
  ];
  for (const [channel, purpose] of folderChannels) {
    ipcMain.handle(channel, async (event) => {
      if (!isTrustedSender(event, deps.appUrl)) return { ok: false, error: FOREIGN };
      const folder = await showOpenFolder(deps, event, purpose);
      if (folder === null) return { ok: true, response: null };
      return deps.worker().setChosenFolder(windowSession(event.sender), purpose, folder);
    });
  }

  ipcMain.handle(FILES_OFFER_IPC, async (event, offer: unknown) => {
    if (!isTrustedSender(event, deps.appUrl)) return { ok: false, error: FOREIGN };
    const { kind, paths } = (offer ?? {}) as { kind?: unknown; paths?: unknown };
    const parsed = fileKind.safeParse(kind);
    if (!parsed.success) return refused('There is no such kind of file to take.');
    if (!Array.isArray(paths) || paths.length > MAX_DROPPED || !paths.every((p) => typeof p === 'string')) {
      return refused(`Drop at most ${MAX_DROPPED} files at a time.`);
    }
    // An empty path is a File that is not on the disk (made by the page itself): nothing to read.
    if (paths.length === 0 || paths.some((p) => p === '')) {
      return refused('Only files dropped from the computer can be imported.');
    }
    if (!(await confirmDropped(deps, event, parsed.data, paths))) return { ok: true, response: [] };
    return grant(deps, event, parsed.data, paths);
  });
}

/** The folder dialog for the export destination or the import folder; null when the person cancels. */
export async function showOpenFolder(
  deps: Pick<FileChoiceDeps, 'dialog' | 'windowOf'>,
  event: IpcMainInvokeEvent,
  purpose: FolderPurpose = 'export',
): Promise<string | null> {
  const options = {
    title: purpose === 'export' ? 'Export destination' : 'Import folder',
    buttonLabel: purpose === 'export' ? 'Export here' : 'Watch this folder',
    properties: ['openDirectory' as const, 'createDirectory' as const],
  };
  const window = deps.windowOf(event);
  const picked = window ? await deps.dialog.showOpenDialog(window, options) : await deps.dialog.showOpenDialog(options);
  return picked.canceled || picked.filePaths.length === 0 ? null : picked.filePaths[0]!;
}

/** The open dialog for the menu's "Import events…" and the pages' buttons alike. */
export async function showOpen(
  deps: Pick<FileChoiceDeps, 'dialog' | 'windowOf'>,
  event: IpcMainInvokeEvent | null,
  kind: FileKind,
  window: BrowserWindow | null = event ? deps.windowOf(event) : null,
): Promise<string[]> {
  const options = {
    title: kind === 'events' ? 'Import events' : 'Load a rule set',
    properties: kind === 'events' ? (['openFile', 'multiSelections'] as const) : (['openFile'] as const),
    filters: [{ name: kind === 'events' ? 'Events' : 'Rule sets', extensions: [...FILE_EXTENSIONS[kind]] }],
  };
  const picked = window
    ? await deps.dialog.showOpenDialog(window, { ...options, properties: [...options.properties] })
    : await deps.dialog.showOpenDialog({ ...options, properties: [...options.properties] });
  return picked.canceled ? [] : picked.filePaths;
}

async function confirmDropped(
  deps: FileChoiceDeps,
  event: IpcMainInvokeEvent,
  kind: FileKind,
  paths: readonly string[],
): Promise<boolean> {
  const what =
    kind === 'events'
      ? `Import ${paths.length === 1 ? 'this file' : `these ${paths.length} files`}`
      : 'Load this rule set';
  const options = {
    type: 'question' as const,
    buttons: [kind === 'events' ? 'Import' : 'Load', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    title: 'Dropped files',
    message: `${what}?`,
    detail: paths.slice(0, 20).join('\n') + (paths.length > 20 ? `\n… and ${paths.length - 20} more` : ''),
  };
  const window = deps.windowOf(event);
  const answer = window ? await deps.dialog.showMessageBox(window, options) : await deps.dialog.showMessageBox(options);
  return answer.response === 0;
}

/** Hand the worker the files for the window's session; a path that is not a regular file is refused. */
export async function grant(
  deps: Pick<FileChoiceDeps, 'worker'>,
  event: Pick<IpcMainInvokeEvent, 'sender'>,
  kind: FileKind,
  paths: readonly string[],
): Promise<CallResult> {
  if (paths.length === 0) return { ok: true, response: [] };
  const files: FileToGrant[] = [];
  for (const path of paths) {
    let size: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return refused(`${path} is not a file.`);
      size = stat.size;
    } catch (e) {
      return refused(`${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
    }
    files.push({ name: path, path, size, temporary: false });
  }
  return deps.worker().grantFiles(windowSession(event.sender), kind, files);
}
