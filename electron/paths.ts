/**
 * Where the app keeps its journal when nobody says otherwise. The command line and the desktop
 * app must agree on this path, so `warehouse-ledger orders` shows what the app shows.
 */
import { homedir } from 'node:os';
import { join, win32, posix } from 'node:path';

export const APP_FOLDER = 'Warehouse Ledger';
export const JOURNAL_FILE = 'journal.db';

export interface PathEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

function currentEnvironment(): PathEnvironment {
  return { platform: process.platform, env: process.env, home: homedir() };
}

/** The user data folder of the app (what Electron's `app.getPath('userData')` gives for our name). */
export function userDataFolder(where: PathEnvironment = currentEnvironment()): string {
  const { platform, env, home } = where;
  if (platform === 'win32') {
    const appData = env.APPDATA || win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, APP_FOLDER);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  const config = env.XDG_CONFIG_HOME || posix.join(home, '.config');
  return join(config, APP_FOLDER);
}

/** The journal used when `--db` is not given: `WAREHOUSE_LEDGER_DB` wins, then the user data folder. */
export function defaultJournalPath(where: PathEnvironment = currentEnvironment()): string {
  const override = where.env.WAREHOUSE_LEDGER_DB;
  if (override) return override;
  const folder = userDataFolder(where);
  return where.platform === 'win32' ? win32.join(folder, JOURNAL_FILE) : posix.join(folder, JOURNAL_FILE);
}
