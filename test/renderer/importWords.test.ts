/** "Recent jobs" in words: what an import did, summed over its files, the parts that are not zero. */
import { describe, expect, it } from 'vitest';
import { describeJob, importOutcome } from '../../renderer/import/describe';
import type { ImportReport } from '../../shared/contract/records';

const report = (file: string, over: Partial<ImportReport> = {}): ImportReport => ({
  file,
  accepted: 0,
  duplicates: 0,
  blank: 0,
  rejected: [],
  anomalies: 0,
  cancelled: false,
  ...over,
});
const refused = (n: number) => Array.from({ length: n }, (_, i) => ({ line: i + 1, reason: 'not JSON: x' }));
const finished = (reports: ImportReport[], ok = true) => ({
  jobId: 'j-1',
  kind: 'import',
  ok,
  error: null,
  reports,
});

describe('jobs in words', () => {
  it('names an import by its files and says what it recorded and refused', () => {
    const reports = [
      report('/a/day.ndjson', { accepted: 1500 }),
      report('/a/night.ndjson', { accepted: 500, rejected: refused(3) }),
      report('/a/gone.ndjson', { error: 'The file is not there (moved or deleted since it was chosen).' }),
    ];
    expect(describeJob({ kind: 'import', label: '3 files', finished: finished(reports) })).toBe(
      'Import of 3 files — 2,000 events recorded, 3 refused, 1 file not read',
    );
    expect(describeJob({ kind: 'import', label: '3 files', finished: null })).toBe('Import of 3 files');
    expect(importOutcome([report('x', { accepted: 1, duplicates: 12 })])).toBe(
      '1 event recorded, 12 already in the journal',
    );
  });

  it('names an inbox import by its file, and leaves other jobs their own label', () => {
    const inbox = { kind: 'inbox', label: 'inbox', finished: finished([report('/srv/in/n.csv', { accepted: 2 })]) };
    expect(describeJob(inbox)).toBe('Import from the inbox folder of n.csv — 2 events recorded');
    expect(describeJob({ kind: 'rebuild', label: 'Rebuild of the projections', finished: finished([]) })).toBe(
      'Rebuild of the projections',
    );
  });
});
