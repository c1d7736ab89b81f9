/**
 * Settings → Journal checks: "Verify the journal" for whoever sees Settings, its result in one
 * plain sentence; "Rebuild projections" for a Supervisor only, explained, with the rebuild's
 * progress and Cancel in the job card the Import page uses (the same job store); nothing of it in
 * practice.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  JournalChecks,
  REBUILD_EXPLANATION,
  latestRebuild,
  verifyOutcome,
} from '../../renderer/settings/JournalChecksSection';
import { useJobs } from '../../renderer/app/jobs';

/** The section as Settings shows it, with the job store as it is now (server rendering reads no store). */
const render = (supervisor: boolean, practising = false) =>
  renderToStaticMarkup(
    <JournalChecks supervisor={supervisor} practising={practising} rebuild={latestRebuild(useJobs.getState().jobs)} />,
  );

describe('the journal checks in Settings', () => {
  beforeEach(() => useJobs.setState({ jobs: [] }));

  it('offers verify to anyone, the rebuild (explained) to a Supervisor only', () => {
    const sup = render(true);
    expect(sup).toContain('Verify the journal</button>');
    expect(sup).toContain('Rebuild projections…</button>');
    expect(REBUILD_EXPLANATION).toMatch(/orders, the anomalies and the status counts from the events alone/);
    expect(REBUILD_EXPLANATION).toMatch(/never touched/);
    expect(REBUILD_EXPLANATION).toMatch(/cancelled .*nothing is written/);
    expect(sup).toContain(REBUILD_EXPLANATION.replace(/'/g, '&#x27;'));
    const clerk = render(false);
    expect(clerk).toContain('Verify the journal</button>');
    expect(clerk).not.toContain('Rebuild');
  });

  it('is not offered in practice', () => {
    expect(render(true, true)).toBe('');
  });

  it('shows a running rebuild in the job card, with its progress and Cancel, and no second start', () => {
    useJobs.getState().started('rebuild-1', 'rebuild', 'Rebuild of the projections');
    useJobs.getState().progress({
      jobId: 'rebuild-1',
      kind: 'rebuild',
      done: 10_000,
      total: 40_000,
      message: 'Rebuilding: 10,000 of 40,000 events read',
    });
    const html = render(true);
    expect(html).toContain('aria-label="Job Rebuild of the projections"');
    expect(html).toContain('Rebuilding: 10,000 of 40,000 events read');
    expect(html).toContain('aria-valuenow="25"');
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Rebuild projections…<\/button>/);
    expect(html).toContain('A rebuild is running.');
  });

  it('says what a finished rebuild did, and the newest rebuild is the one shown', () => {
    useJobs.getState().progress({ jobId: 'rebuild-1', kind: 'rebuild', done: 5, total: 5, message: '' });
    useJobs.getState().finished({ jobId: 'rebuild-1', kind: 'rebuild', ok: true, error: null, reports: [] });
    useJobs.getState().started('import-2', 'import', 'night.ndjson');
    expect(latestRebuild(useJobs.getState().jobs)?.jobId).toBe('rebuild-1');
    const html = render(true);
    expect(html).toContain('recomputed from 5 events');
    expect(html).not.toContain('>Cancel</button>');
    expect(html).not.toContain('night.ndjson');
    expect(html).toMatch(/<button class="btn" type="button">Rebuild projections…<\/button>/);
  });

  it('says the verify result plainly: all well, or the first bad seq and its problem', () => {
    expect(
      verifyOutcome({
        ok: true,
        events: 12,
        firstBadSeq: null,
        problem: null,
        anchors: { exports: 3, bundles: 3, folders: ['/share'], unreachable: [] },
      }).text,
    ).toMatch(/Every exported event is still there as exported \(3 exports recorded, 3 signed bundles at \/share\)\.$/);
    expect(
      verifyOutcome({
        ok: true,
        events: 12,
        firstBadSeq: null,
        problem: null,
        anchors: { exports: 1, bundles: 0, folders: [], unreachable: ['/share'] },
      }).text,
    ).toMatch(/The export destination \/share could not be reached\.$/);
    expect(verifyOutcome({ ok: true, events: 1234, firstBadSeq: null, problem: null })).toEqual({
      ok: true,
      text: 'The journal checks out: 1,234 events, the hash chain is unbroken and the projections match the events.',
    });
    expect(
      verifyOutcome({ ok: false, events: 1234, firstBadSeq: 17, problem: 'hash does not match the event' }),
    ).toEqual({ ok: false, text: 'First bad event: seq 17 — hash does not match the event.' });
    expect(
      verifyOutcome({ ok: false, events: 3, firstBadSeq: null, problem: 'orders differ from the events' }),
    ).toEqual({ ok: false, text: 'The journal has a problem — orders differ from the events.' });
  });
});
