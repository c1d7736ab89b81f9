/**
 * Starting an import from files the person chose: the app's dialog (the button) or a drop.
 * The page never sees a path: `window.ledger` turns the choice into file ids (the Electron main
 * process's dialog, or an upload to the browser host) and `importFiles` takes those.
 */
import type { ChosenFile, OfferedFile } from '../../shared/contract/files';
import { ledger } from '../app/ledger';
import { useJobs } from '../app/jobs';

export type ImportChoice = { kind: 'dialog' } | { kind: 'dropped'; files: readonly OfferedFile[] };

/** The started job's id, or null when the person chose nothing. */
export async function startImport(choice: ImportChoice): Promise<{ jobId: string; label: string } | null> {
  const api = ledger();
  const chosen: ChosenFile[] =
    choice.kind === 'dialog' ? await api.chooseFiles('events') : await api.offerFiles(choice.files, 'events');
  if (chosen.length === 0) return null;
  const { jobId } = await api.importFiles({ files: chosen.map((f) => f.fileId) });
  const label = chosen.length === 1 ? chosen[0]!.name : `${chosen.length} files`;
  useJobs.getState().started(jobId, 'import', label);
  return { jobId, label };
}
