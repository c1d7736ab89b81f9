/**
 * Settings → The journal's checks: "Verify the journal" (anyone signed in: the hash chain and the
 * projections recomputed, the first bad sequence number said plainly) and, for a Supervisor,
 * "Rebuild projections" (the `rebuild` job, confirmed first, its progress and Cancel in the same
 * job card as an import's, kept in the same job store). Not offered in practice: the Settings page
 * is not among the practice pages, and the section checks again.
 */
import { useState } from 'react';
import type { VerifyReport } from '../../shared/contract/records';
import { ledger, messageOf } from '../app/ledger';
import { useJobs, type Job } from '../app/jobs';
import { useSession } from '../app/session';
import { JobCard } from '../import/ImportPage';
import { Dialog, ErrorNote } from '../ui/Dialog';
import { formatCount } from '../ui/format';

export const REBUILD_LABEL = 'Rebuild of the projections';

export const REBUILD_EXPLANATION =
  'Recomputes the orders, the anomalies and the status counts from the events alone. The events themselves are ' +
  'never touched. It can be cancelled while it runs, and then nothing is written: the projections stay as they were.';

/** The verify report in one plain sentence, and whether it is good news. */
export function verifyOutcome(report: VerifyReport): { ok: boolean; text: string } {
  if (report.ok) {
    return {
      ok: true,
      text:
        `The journal checks out: ${formatCount(report.events)} events, the hash chain is unbroken and the projections match the events.` +
        anchorsText(report.anchors),
    };
  }
  const where =
    report.firstBadSeq === null ? 'The journal has a problem' : `First bad event: seq ${report.firstBadSeq}`;
  return { ok: false, text: `${where} — ${report.problem ?? 'no detail given'}.` };
}

/** What the journal was held to besides its own chain: the exports that anchor its head. */
function anchorsText(anchors: VerifyReport['anchors']): string {
  if (!anchors) return '';
  if (anchors.exports === 0 && anchors.bundles === 0) return ' Nothing has been exported yet, so nothing anchors it.';
  let text = ` Every exported event is still there as exported (${formatCount(anchors.exports)} exports recorded`;
  if (anchors.folders.length > 0)
    text += `, ${formatCount(anchors.bundles)} signed bundles at ${anchors.folders.join(', ')}`;
  text += ').';
  if (anchors.unreachable.length > 0)
    text += ` The export destination ${anchors.unreachable.join(', ')} could not be reached.`;
  return text;
}

/** The most recent rebuild in the job list (started here, elsewhere, or by another window). */
export function latestRebuild(jobs: readonly Job[]): Job | undefined {
  return jobs.find((j) => j.kind === 'rebuild');
}

export function JournalChecksSection({ supervisor }: { supervisor: boolean }) {
  const practising = useSession((s) => Boolean(s.session?.practice));
  const rebuild = useJobs((s) => latestRebuild(s.jobs));
  return <JournalChecks supervisor={supervisor} practising={practising} rebuild={rebuild} />;
}

/** The section itself, from what the stores say (rendered as is in tests). */
export function JournalChecks(props: { supervisor: boolean; practising: boolean; rebuild: Job | undefined }) {
  if (props.practising) return null;
  return (
    <section className="card settings" aria-labelledby="checks-title">
      <h2 id="checks-title">Journal checks</h2>
      <VerifyPart />
      {props.supervisor ? <RebuildPart job={props.rebuild} /> : null}
    </section>
  );
}

function VerifyPart() {
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await ledger().verify({}));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const outcome = report && verifyOutcome(report);
  return (
    <div className="check-part" role="group" aria-labelledby="verify-title">
      <h3 id="verify-title">Verify the journal</h3>
      <p className="muted small">
        Recomputes every event&apos;s hash in order and compares the projections with the events. Nothing is written.
      </p>
      <div className="actions">
        <button className="btn" type="button" onClick={() => void verify()} disabled={busy}>
          {busy ? 'Verifying…' : 'Verify the journal'}
        </button>
      </div>
      {outcome ? (
        <p className={outcome.ok ? 'ok-note' : 'error-note'} role="status" data-testid="verify-result">
          {outcome.text}
        </p>
      ) : null}
      <ErrorNote message={error} />
    </div>
  );
}

function RebuildPart({ job }: { job: Job | undefined }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = job !== undefined && job.finished === null;

  const rebuild = async () => {
    setAsking(false);
    setError(null);
    try {
      const { jobId } = await ledger().rebuild({});
      useJobs.getState().started(jobId, 'rebuild', REBUILD_LABEL);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <div className="check-part" role="group" aria-labelledby="rebuild-title">
      <h3 id="rebuild-title">Rebuild projections</h3>
      <p className="muted small">{REBUILD_EXPLANATION}</p>
      <div className="actions">
        <button className="btn" type="button" onClick={() => setAsking(true)} disabled={running}>
          Rebuild projections…
        </button>
        {running ? <span className="muted small">A rebuild is running.</span> : null}
      </div>
      <ErrorNote message={error} />
      {job ? <JobCard job={job} /> : null}
      {job?.finished?.ok ? (
        <p className="ok-note" role="status">
          Rebuilt: the orders, anomalies and status counts were recomputed from {formatCount(job.done)} events.
        </p>
      ) : null}
      {asking ? (
        <Dialog title="Rebuild the projections?" onClose={() => setAsking(false)}>
          <div className="confirm-text">
            <p>{REBUILD_EXPLANATION}</p>
            <p className="muted small">On a large journal it takes a while; the app stays usable meanwhile.</p>
          </div>
          <div className="actions">
            <button className="btn primary" type="button" onClick={() => void rebuild()}>
              Rebuild
            </button>
            <button className="btn" type="button" onClick={() => setAsking(false)}>
              Keep them as they are
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
