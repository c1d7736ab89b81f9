/**
 *   settings import-folder [DIR | --off] [--settings FILE] [--json]
 *                                            show, set or turn off the watched import folder (the
 *                                            browser host has no folder dialog: it is set only here)
 */
import fs from 'node:fs';
import path from 'node:path';
import { userDataFolder } from '../../paths';
import { SETTINGS_FILE, SettingsStore } from '../../settings/store';
import { expectPositionals, readArgs } from '../args';
import { UsageError, type CliCommand } from '../command';

export const settingsImportFolderCommand: CliCommand = {
  name: 'settings import-folder',
  summary: "show, set or turn off the app's watched import folder (the browser host's import folder is set only here)",
  usage:
    'usage: warehouse-ledger settings import-folder [DIR | --off] [--settings FILE] [--json]\n' +
    '  DIR              an existing folder the main system drops its files into, by its full path\n' +
    '  --off            watch no folder\n' +
    "  --settings FILE  the settings file (default: the app's, in the user data folder); give the web host the same",
  run(args, io) {
    const { values, positionals } = readArgs(args, {
      off: { type: 'boolean' },
      settings: { type: 'string' },
    });
    expectPositionals(positionals, 0, 1, '');
    const given = positionals[0];
    if (given !== undefined && values.off) throw new UsageError('give a folder or --off, not both');
    const store =
      values.settings === undefined
        ? new SettingsStore(path.join(io.userData ?? userDataFolder(), SETTINGS_FILE))
        : new SettingsStore(path.resolve(values.settings));
    let settings = store.get();
    if (values.off) settings = store.update({ inboxFolder: null });
    else if (given !== undefined) {
      const folder = path.resolve(given);
      let isFolder = false;
      try {
        isFolder = fs.statSync(folder).isDirectory();
      } catch {
        io.err(`settings import-folder: the folder ${folder} is not there`);
        return 2;
      }
      if (!isFolder) {
        io.err(`settings import-folder: ${folder} is not a folder`);
        return 2;
      }
      // The key keeps its old name (inboxFolder) for the settings files already on workstations.
      settings = store.update({ inboxFolder: folder });
    }
    if (values.json) io.out(JSON.stringify({ importFolder: settings.inboxFolder }));
    else {
      io.out(`import folder: ${settings.inboxFolder ?? '(off)'}`);
      io.out(`settings file: ${store.file}`);
    }
    return 0;
  },
};
