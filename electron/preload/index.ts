/**
 * The preload (sandboxed, CommonJS): the page's only door to the main process. It exposes a
 * small bridge — call a contract channel, listen to a push — and renderer/ledger builds
 * `window.ledger` from it. (An Error crossing the contextBridge loses its `code`, so the bridge
 * hands back `{ ok, response | error }` and the page makes the typed error itself.)
 *
 * It imports nothing of the contract's tables (zod would be most of its bundle): only the IPC
 * names (shared/contract/ipc). The main process registers a handler for each contract channel
 * alone and validates every request against the contract; here a name is only checked to be a
 * contract name, so nothing reaches another IPC channel, and a channel the main process does not
 * have is answered as one that does not exist.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  CONTRACT_NAME,
  EXPORT_FOLDER_IPC,
  IMPORT_FOLDER_IPC,
  FILES_CHOOSE_IPC,
  FILES_OFFER_IPC,
  ipcChannel,
  ipcPushChannel,
} from '../../shared/contract/ipc';
import type { FileKind } from '../../shared/contract/files';

const noChannel = (channel: string) => ({
  ok: false,
  error: { code: 'invalid-request', message: `There is no channel "${channel}".` },
});

export const ledgerBridge = {
  invoke(channel: string, request: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !CONTRACT_NAME.test(channel)) return Promise.resolve(noChannel(channel));
    return ipcRenderer.invoke(ipcChannel(channel), request).catch((e: unknown) => {
      // Electron: "Error invoking remote method 'ledger:x': Error: No handler registered for 'ledger:x'".
      if (e instanceof Error && e.message.includes('No handler registered')) return noChannel(channel);
      throw e;
    });
  },
  subscribe(push: string, listener: (payload: unknown) => void): () => void {
    if (typeof push !== 'string' || !CONTRACT_NAME.test(push)) throw new Error(`There is no push "${push}".`);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcPushChannel(push), handler);
    return () => {
      ipcRenderer.removeListener(ipcPushChannel(push), handler);
    };
  },
  /** The main process shows the open dialog and hands the worker what was picked. */
  chooseFiles(kind: FileKind): Promise<unknown> {
    return ipcRenderer.invoke(FILES_CHOOSE_IPC, kind);
  },
  /**
   * Files dropped on the page: their paths, which only a File the person dropped or picked has
   * (a File the page makes itself has none). The main process still asks the person to confirm
   * them in a dialog of its own, since a message claiming to be a drop could be forged.
   */
  offerFiles(files: readonly File[], kind: FileKind): Promise<unknown> {
    const paths = files.map((file) => webUtils.getPathForFile(file));
    return ipcRenderer.invoke(FILES_OFFER_IPC, { kind, paths });
  },
  /** The main process shows a folder dialog and hands the worker the folder picked: no path passes here. */
  canChooseFolders: true,
  chooseExportFolder(): Promise<unknown> {
    return ipcRenderer.invoke(EXPORT_FOLDER_IPC);
  },
  chooseImportFolder(): Promise<unknown> {
    return ipcRenderer.invoke(IMPORT_FOLDER_IPC);
  },
};

contextBridge.exposeInMainWorld('ledgerBridge', ledgerBridge);
