/**
 * Where training keeps its files: a `training/` folder beside the real journal, with, per
 * trainee, a training journal (replaced whenever a scenario is loaded), the scenario in progress
 * and the graded attempts. Nothing here is ever the real journal's file.
 */
import { dirname, join, resolve } from 'node:path';

/** The training folder of a real journal. */
export function trainingFolder(realJournalPath: string): string {
  return join(dirname(resolve(realJournalPath)), 'training');
}

/** Saved "real mistake" scenarios, beside the real journal in the user data folder. */
export function savedScenariosFolder(realJournalPath: string): string {
  return join(dirname(resolve(realJournalPath)), 'scenarios');
}

/**
 * An operator id as a file name: letters, digits, `-` and `_` kept, anything else written as
 * `~xx` (its UTF-8 bytes in hex), so two ids never share a file and no id can climb out of the folder.
 */
export function traineeStem(operatorId: string): string {
  return [...new TextEncoder().encode(operatorId)]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9_-]/.test(c) ? c : `~${b.toString(16).padStart(2, '0')}`;
    })
    .join('');
}

export interface TraineeFiles {
  journal: string;
  attempts: string;
  current: string;
}

export function traineeFiles(folder: string, operatorId: string): TraineeFiles {
  const stem = traineeStem(operatorId);
  return {
    journal: join(folder, `${stem}.training.sqlite`),
    attempts: join(folder, `${stem}.attempts.ndjson`),
    current: join(folder, `${stem}.current.json`),
  };
}

export const ATTEMPTS_SUFFIX = '.attempts.ndjson';
