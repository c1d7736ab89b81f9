/**
 * The preload (sandboxed, CommonJS): the page's only door to the main process. It exposes a
 * small bridge — call a contract channel, listen to a push — and renderer/ledger builds
 * `window.ledger` from it. (An Error crossing the contextBridge loses its `code`, so the bridge
 * hands back `{ ok, response | error }` and the page makes the typed error itself.)
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, ipcChannel, ipcPushChannel, pushes } from '../../shared/contract/channels';

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
};

contextBridge.exposeInMainWorld('ledgerBridge', ledgerBridge);
