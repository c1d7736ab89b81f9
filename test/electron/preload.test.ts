/**
 * The preload under a mocked `electron`: what the page can reach through the bridge. Files go
 * to the main process as the paths Electron itself knows for them (webUtils.getPathForFile),
 * never as names the page supplies: a File the page makes has no path, and is sent as "".
 */
import { describe, expect, it, vi } from 'vitest';
import { FILES_CHOOSE_IPC, FILES_OFFER_IPC } from '../../shared/contract/files';

const h = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
  paths: new Map<unknown, string>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => h.exposed.set(name, api) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      h.invoked.push({ channel, args });
      return Promise.resolve({ ok: true, response: [] });
    },
    on: () => {},
    removeListener: () => {},
  },
  webUtils: { getPathForFile: (file: unknown) => h.paths.get(file) ?? '' },
}));

describe('the preload bridge', () => {
  it('asks the main process for its dialog, and offers dropped files by the path Electron knows', async () => {
    await import('../../electron/preload/index');
    const bridge = h.exposed.get('ledgerBridge') as {
      chooseFiles(kind: string): Promise<unknown>;
      offerFiles(files: unknown[], kind: string): Promise<unknown>;
      invoke(channel: string, request: unknown): Promise<unknown>;
    };
    await bridge.chooseFiles('ruleSet');
    expect(h.invoked.at(-1)).toEqual({ channel: FILES_CHOOSE_IPC, args: ['ruleSet'] });
    const dropped = { name: 'night.ndjson' };
    const madeUp = { name: '/etc/shadow' };
    h.paths.set(dropped, '/home/office/night.ndjson');
    await bridge.offerFiles([dropped, madeUp], 'events');
    expect(h.invoked.at(-1)).toEqual({
      channel: FILES_OFFER_IPC,
      args: [{ kind: 'events', paths: ['/home/office/night.ndjson', ''] }],
    });
    // Only contract channels go through invoke.
    const before = h.invoked.length;
    expect(await bridge.invoke('ledger-files:choose', 'events')).toMatchObject({ ok: false });
    expect(h.invoked.length).toBe(before);
  });
});
