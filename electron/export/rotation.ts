/**
 * `key rotate`, as the command line and the Export page both ask for it: the next key is made,
 * and the next export (signed by the current key) announces it (docs/export-format.md).
 */
import type { JournalApi } from '../journal/types';
import { KeyError, rotateKey, type KeyProtector, type PublicKeyInfo } from './keys';

export async function rotateWorkstationKey(
  journal: Pick<JournalApi, 'exportHistory' | 'lastSeq' | 'kind'>,
  keys: { dir: string; protector: KeyProtector },
): Promise<PublicKeyInfo> {
  if (journal.kind === 'training')
    throw new KeyError('a training journal is never exported, so it has no key to rotate');
  const last = journal.exportHistory(1)[0];
  // An announcement with no events is named by its position; two in a row would share a name.
  if (last && last.toSeq === last.fromSeq - 1 && journal.lastSeq() === last.toSeq) {
    throw new KeyError(
      `the last export (${last.bundle}) announced a new key and no event has been recorded since: ` +
        'rotate again once an event has been exported with the new key',
    );
  }
  return rotateKey(keys.dir, keys.protector);
}
