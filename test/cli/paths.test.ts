/** Where the journal lives when `--db` is not given, on each platform. */
import { describe, expect, it } from 'vitest';
import { defaultJournalPath } from '../../electron/paths';

describe('defaultJournalPath', () => {
  it.each([
    ['linux', {}, '/home/ana/.config/Warehouse Ledger/journal.db'],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, '/cfg/Warehouse Ledger/journal.db'],
    ['darwin', {}, '/home/ana/Library/Application Support/Warehouse Ledger/journal.db'],
    [
      'win32',
      { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
      'C:\\Users\\ana\\AppData\\Roaming\\Warehouse Ledger\\journal.db',
    ],
    ['linux', { WAREHOUSE_LEDGER_DB: '/srv/ledger.db' }, '/srv/ledger.db'],
    ['win32', { WAREHOUSE_LEDGER_DB: 'D:\\ledger.db', APPDATA: 'C:\\x' }, 'D:\\ledger.db'],
  ] as const)('%s %j → %s', (platform, env, expected) => {
    expect(defaultJournalPath({ platform, env, home: '/home/ana' })).toBe(expected);
  });
});
