/**
 * Every contract channel registered with `ipcMain.handle`, forwarded to the journal worker in
 * the name of the calling window. A message from any frame that is not the app's own page is
 * refused before it reaches the worker.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channels, type LedgerErrorShape } from '../../shared/contract/channels';
import { ipcChannel, ipcPushChannel } from '../../shared/contract/ipc';
import type { CallResult, JournalWorkerClient } from '../worker/client';
import { isAppUrl } from './security';

export type Caller = Pick<JournalWorkerClient, 'call'>;

const FOREIGN: LedgerErrorShape = { code: 'not-allowed', message: 'Only the Warehouse Ledger window may ask this.' };

/** One session per window: who is signed in belongs to the window. */
export const windowSession = (contents: Pick<WebContents, 'id'>) => `window-${contents.id}`;

export function registerChannels(ipcMain: IpcMain, worker: () => Caller, appUrl: string): string[] {
  const registered: string[] = [];
  for (const name of Object.keys(channels)) {
    const channel = ipcChannel(name);
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, request: unknown): Promise<CallResult> | CallResult => {
      if (!isTrustedSender(event, appUrl)) return { ok: false, error: FOREIGN };
      return worker().call(name, request, windowSession(event.sender));
    });
    registered.push(channel);
  }
  return registered;
}

/** The frame that sent the message must be the top frame of our page, at the app's own URL. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}

/** Pushes from the worker go to every window. */
export function sendPush(targets: Iterable<Pick<WebContents, 'send' | 'isDestroyed'>>, name: string, payload: unknown) {
  for (const contents of targets) if (!contents.isDestroyed()) contents.send(ipcPushChannel(name), payload);
}
