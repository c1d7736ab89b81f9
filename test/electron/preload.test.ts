/**
 * The preload under a mocked `electron`: what the page can reach through the bridge. Files go
 * to the main process as the paths Electron itself knows for them (webUtils.getPathForFile),
 * never as names the page supplies: a File the page makes has no path, and is sent as "".
 */
import { describe, expect, it, vi } from 'vitest';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { FILES_CHOOSE_IPC, FILES_OFFER_IPC } from '../../shared/contract/files';
import { EXPORT_FOLDER_IPC, IMPORT_FOLDER_IPC } from '../../shared/contract/ipc';
import { channels, pushes } from '../../shared/contract/channels';
import { CONTRACT_NAME } from '../../shared/contract/ipc';

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
      // What Electron answers for a channel the main process has no handler for.
      if (channel === 'ledger:noSuchChannel') {
        return Promise.reject(
          new Error(
            "Error invoking remote method 'ledger:noSuchChannel': Error: No handler registered for 'ledger:noSuchChannel'",
          ),
        );
      }
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
      chooseExportFolder(): Promise<unknown>;
      chooseImportFolder(...args: unknown[]): Promise<unknown>;
      canChooseFolders: boolean;
    };
    // The export destination: the main process's folder dialog, asked with nothing (no path to send).
    expect(bridge.canChooseFolders).toBe(true);
    await bridge.chooseExportFolder();
    expect(h.invoked.at(-1)).toEqual({ channel: EXPORT_FOLDER_IPC, args: [] });
    // The import folder likewise: a path the page passes along goes nowhere.
    await bridge.chooseImportFolder('/root/.ssh');
    expect(h.invoked.at(-1)).toEqual({ channel: IMPORT_FOLDER_IPC, args: [] });
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

  it('answers a channel the main process does not have as one that does not exist, and sends only contract names on', async () => {
    await import('../../electron/preload/index');
    const bridge = h.exposed.get('ledgerBridge') as {
      invoke(channel: string, request: unknown): Promise<unknown>;
      subscribe(push: string, listener: (payload: unknown) => void): () => void;
    };
    expect(await bridge.invoke('noSuchChannel', {})).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'There is no channel "noSuchChannel".' },
    });
    expect(() => bridge.subscribe('ledger-files:offer', () => {})).toThrow(/no push/);
    // Every contract channel and push is named so that the preload lets it through.
    for (const name of [...Object.keys(channels), ...Object.keys(pushes)]) expect(name).toMatch(CONTRACT_NAME);
  });

  it('bundles without zod: the sandboxed preload needs only the IPC names, not the contract', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../electron/preload/index.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => /(^|[\\/])electron[\\/]preload[\\/]index\.ts$/.test(input))).toBe(true);
    expect(inputs.filter((input) => /node_modules[\\/]zod[\\/]/.test(input))).toEqual([]);
    expect(inputs.filter((input) => input.includes('node_modules'))).toEqual([]);
  });
});
