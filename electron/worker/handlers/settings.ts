/**
 * Workstation settings (the import folder, the idle time): stored beside the app, not in the journal.
 * No window names the import folder: the channel's schema takes only `null` for it (turning it off);
 * a folder comes from the main process's folder dialog (`LedgerWorker.setChosenFolder`) or the
 * command line (`warehouse-ledger settings import-folder`).
 */
import type { PartialHandlers } from './types';

export const settingsHandlers: PartialHandlers<'getSettings' | 'setSettings'> = {
  getSettings(ctx) {
    return ctx.settings.get();
  },

  setSettings(ctx, change) {
    return ctx.settings.update(change);
  },
};
