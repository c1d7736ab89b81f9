/**
 * Jobs and import reports in words, for "Recent jobs": "Import of 3 files — 2,000 events
 * recorded, 3 refused", not a job id or a kind.
 */
import type { ImportReport } from '../../shared/contract/records';
import type { Job } from '../app/jobs';
import { formatCount } from '../ui/format';

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** What one job did (or is doing), in a line. Jobs other than imports keep their own label. */
export function describeJob(job: Pick<Job, 'kind' | 'label' | 'finished'>): string {
  const what =
    job.kind === 'import'
      ? `Import of ${job.label}`
      : job.kind === 'inbox'
        ? `Import from the inbox folder${job.finished?.reports[0] ? ` of ${baseName(job.finished.reports[0].file)}` : ''}`
        : job.kind === 'sample'
          ? 'Loading the sample warehouse'
          : job.label;
  if (!job.finished || !['import', 'inbox', 'sample'].includes(job.kind)) return what;
  const outcome = importOutcome(job.finished.reports);
  return outcome ? `${what} — ${outcome}` : what;
}

/** "2,000 events recorded, 12 already in the journal, 3 refused, 1 file not read" (the parts that are not zero). */
export function importOutcome(reports: readonly ImportReport[]): string {
  const sum = (f: (r: ImportReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const accepted = sum((r) => r.accepted);
  const duplicates = sum((r) => r.duplicates);
  const refused = sum((r) => r.rejected.length);
  const unread = reports.filter((r) => r.error).length;
  const parts = [
    plural(accepted, 'event recorded', 'events recorded'),
    ...(duplicates > 0 ? [`${formatCount(duplicates)} already in the journal`] : []),
    ...(refused > 0 ? [`${formatCount(refused)} refused`] : []),
    ...(unread > 0 ? [plural(unread, 'file not read', 'files not read')] : []),
    ...(reports.some((r) => r.cancelled) ? ['cancelled'] : []),
  ];
  return reports.length === 0 ? '' : parts.join(', ');
}

export function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}
