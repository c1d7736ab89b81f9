/**
 * The preload (sandboxed, CommonJS): the page's only door to the main process. It exposes a
 * small bridge — call a contract channel, listen to a push — and renderer/ledger builds
 * `window.ledger` from it. (An Error crossing the contextBridge loses its `code`, so the bridge
 * hands back `{ ok, response | error }` and the page makes the typed error itself.)
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { channels, ipcChannel, ipcPushChannel, pushes } from '../../shared/contract/channels';
import { FILES_CHOOSE_IPC, FILES_OFFER_IPC, type FileKind } from '../../shared/contract/files';

const channelNames = new Set(Object.keys(channels));
const pushNames = new Set(Object.keys(pushes));

export const ledgerBridge = {
  invoke(channel: string, request: unknown): Promise<unknown> {
    if (!channelNames.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid-request', message: `There is no channel "${channel}".` },
      });
    }
    return ipcRenderer.invoke(ipcChannel(channel), request);
  },
  subscribe(push: string, listener: (payload: unknown) => void): () => void {
    if (!pushNames.has(push)) throw new Error(`There is no push "${push}".`);
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
};

contextBridge.exposeInMainWorld('ledgerBridge', ledgerBridge);
