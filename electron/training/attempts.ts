/**
 * The graded attempts of each trainee, one NDJSON file per trainee: appended, never rewritten,
 * and kept apart from the training journal (which is replaced each time a scenario is loaded).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { attemptRecord, type AttemptRecord } from '../../shared/contract/training';
import { ATTEMPTS_SUFFIX } from './paths';

export function appendAttempt(file: string, attempt: AttemptRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(attempt)}\n`);
}

/** The attempts in one file, oldest first. A damaged line is skipped, never fatal: progress is a report. */
export function readAttempts(file: string): AttemptRecord[] {
  if (!existsSync(file)) return [];
  const out: AttemptRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = attemptRecord.safeParse(JSON.parse(line));
      if (r.success) out.push(r.data);
    } catch {
      // a half-written last line after a crash: the attempt is lost, the rest is kept
    }
  }
  return out;
}

/** Every trainee's attempts in the training folder. */
export function readAllAttempts(folder: string): AttemptRecord[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith(ATTEMPTS_SUFFIX))
    .sort()
    .flatMap((f) => readAttempts(join(folder, f)));
}
