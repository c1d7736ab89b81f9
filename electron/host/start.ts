/** Start the browser host: a journal worker on the file, and the HTTP server in front of it. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JournalWorkerClient } from '../worker/client';
import { newToken } from './security';
import { startHostServer, type HostOptions, type RunningHost } from './server';

export interface StartHostOptions {
  db: string;
  /** 0 picks a free port. */
  port?: number;
  /** Default: out/renderer of this package, if built. */
  rendererDir?: string | null;
  /** Default: settings in memory only (a host for tests must not touch the user's settings). */
  settingsFile?: string | null;
  /** The signing key's folder; default: beside the settings file, else the user data folder's `signing-key`. */
  keyDir?: string;
  token?: string;
  validateResponses?: boolean;
  /** Passed to the server (tests): idle keep-alive time and upload bounds. */
  keepAliveMs?: number;
  uploadLimits?: HostOptions['uploadLimits'];
  spoolParent?: string;
  /**
   * Import what arrives in the settings' inbox folder, as the desktop app does (default: yes).
   * Without a folder set nothing is watched; setting one from the page starts the watcher.
   */
  watchInbox?: boolean;
}

export interface Host extends RunningHost {
  token: string;
  client: JournalWorkerClient;
}

export async function startHost(options: StartHostOptions): Promise<Host> {
  const client = await JournalWorkerClient.start({
    journalPath: options.db,
    settingsFile: options.settingsFile ?? null,
    ...(options.keyDir !== undefined ? { keyDir: options.keyDir } : {}),
    validateResponses: options.validateResponses ?? true,
    watchInbox: options.watchInbox ?? true,
  });
  const token = options.token ?? newToken();
  try {
    const running = await startHostServer({
      client,
      token,
      port: options.port ?? 0,
      rendererDir: options.rendererDir === undefined ? builtRenderer() : options.rendererDir,
      ...(options.keepAliveMs !== undefined ? { keepAliveMs: options.keepAliveMs } : {}),
      ...(options.uploadLimits ? { uploadLimits: options.uploadLimits } : {}),
      ...(options.spoolParent ? { spoolParent: options.spoolParent } : {}),
    });
    return {
      ...running,
      token,
      client,
      close: async () => {
        await running.close();
        await client.close();
      },
    };
  } catch (e) {
    await client.close();
    throw e;
  }
}

/** out/renderer of the package this file belongs to (found by walking up to its package.json). */
export function builtRenderer(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'warehouse-ledger') {
      const renderer = join(dir, 'out', 'renderer');
      return existsSync(join(renderer, 'index.html')) ? renderer : null;
    }
    if (dirname(dir) === dir) return null;
  }
}
