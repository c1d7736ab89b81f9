/** Workstation settings (the inbox folder): stored beside the app, not in the journal. */
import { isAbsolute } from 'node:path';
import type { PartialHandlers } from './types';
import { LedgerError } from './errors';

export const settingsHandlers: PartialHandlers<'getSettings' | 'setSettings'> = {
  getSettings(ctx) {
    return ctx.settings.get();
  },

  setSettings(ctx, change) {
    if (change.inboxFolder !== undefined && change.inboxFolder !== null && !isAbsolute(change.inboxFolder)) {
      throw new LedgerError('invalid-request', `inboxFolder: "${change.inboxFolder}" is not a full path to a folder.`);
    }
    // The folder is named as it is: no ".." that makes it another folder than it reads as.
    if (change.inboxFolder && change.inboxFolder.split(/[\\/]/).includes('..')) {
      throw new LedgerError(
        'invalid-request',
        `inboxFolder: "${change.inboxFolder}" goes up with "..": give the folder itself.`,
      );
    }
    return ctx.settings.update(change);
  },
};
