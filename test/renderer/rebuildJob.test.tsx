/**
 * A rebuild in the job list of the Import page (its card rendered to a string): started elsewhere (the
 * command channel, another window), it shows its progress and a Cancel button like an import,
 * and a cancelled one says that nothing was written.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { JobCard } from '../../renderer/import/ImportPage';
import { useJobs } from '../../renderer/app/jobs';
import { REBUILD_CANCELLED } from '../../electron/worker/rebuildJob';

/** The card of the one job in the list, as the Import page shows it. */
const card = () => {
  const [job] = useJobs.getState().jobs;
  expect(job?.label).toBe('Rebuild of the projections');
  return renderToStaticMarkup(<JobCard job={job!} />);
};

describe('a rebuild in the job list', () => {
  beforeEach(() => useJobs.setState({ jobs: [] }));

  it('shows its progress and a Cancel button while it reads', () => {
    useJobs.getState().progress({
      jobId: 'rebuild-1',
      kind: 'rebuild',
      done: 10_000,
      total: 40_000,
      message: 'Rebuilding: 10,000 of 40,000 events read',
    });
    const html = card();
    expect(html).toContain('Rebuilding: 10,000 of 40,000 events read');
    expect(html).toContain('aria-valuenow="25"');
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
  });

  it('says it was cancelled and that nothing was written, with no Cancel button left', () => {
    useJobs.getState().progress({ jobId: 'rebuild-2', kind: 'rebuild', done: 10_000, total: 40_000, message: '' });
    useJobs
      .getState()
      .finished({ jobId: 'rebuild-2', kind: 'rebuild', ok: false, error: REBUILD_CANCELLED, reports: [] });
    const html = card();
    expect(html).toContain(REBUILD_CANCELLED);
    expect(html).not.toContain('>Cancel</button>');
  });
});
