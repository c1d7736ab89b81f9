/**
 * Import files of events: the progress of each job, what each file brought (accepted,
 * duplicates, rejected, anomalies), and every rejected line with its reason, kept listable.
 */
import { useState, type DragEvent } from 'react';
import type { ImportReport, RejectedLineRecord } from '../../shared/contract/records';
import { ledger, messageOf } from '../app/ledger';
import { fractionDone, useJobs, type Job } from '../app/jobs';
import { queryClient, useLedgerQuery } from '../app/queries';
import { toast } from '../app/toasts';
import { Dialog, EmptyState, ErrorNote, ProgressBar } from '../ui/Dialog';
import { formatCount, formatTime } from '../ui/format';
import { startImport, type ImportChoice } from './startImport';
import { baseName, describeJob } from './describe';

export function ImportPage() {
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const jobs = useJobs((s) => s.jobs);
  const [fileFilter, setFileFilter] = useState('');
  const [fixing, setFixing] = useState<RejectedLineRecord | null>(null);

  // Read again on every change, when a job finishes and after a line is fixed (./jobs and onFixed
  // below invalidate it); another file filter shows the last list until its own arrives.
  const read = useLedgerQuery(
    'rejectedLines',
    { limit: 2000, ...(fileFilter ? { file: fileFilter } : {}) },
    { keepPrevious: true },
  );
  const rejected: RejectedLineRecord[] = read.data ?? [];
  const readError = read.error ? messageOf(read.error) : null;

  const start = async (choice: ImportChoice) => {
    setError(null);
    try {
      if (await startImport(choice)) toast('info', 'Import started.');
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) void start({ kind: 'dropped', files });
  };

  const files = [...new Set(rejected.map((r) => r.file))];

  return (
    <div className="page">
      <header className="page-head">
        <h1>Import</h1>
      </header>
      <div
        className={`card import-form${dragging ? ' dragging' : ''}`}
        role="region"
        aria-label="Files to import"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop NDJSON or CSV files here, or choose them.</p>
        <div className="actions">
          <button className="btn primary" type="button" onClick={() => void start({ kind: 'dialog' })}>
            Choose files to import…
          </button>
          <span className="muted small">Lines already in the journal are skipped as duplicates.</span>
        </div>
        <ErrorNote message={error ?? readError} />
      </div>

      {jobs.length > 0 && (
        <section aria-labelledby="jobs-title">
          <h2 id="jobs-title" className="section-title">
            Recent jobs
          </h2>
          {jobs.map((j) => (
            <JobCard key={j.jobId} job={j} />
          ))}
        </section>
      )}

      <section aria-labelledby="rejected-title">
        <h2 id="rejected-title" className="section-title">
          Rejected lines <span className="muted">{formatCount(rejected.length)}</span>
        </h2>
        {files.length > 1 || fileFilter ? (
          <label className="inline">
            File
            <select value={fileFilter} onChange={(e) => setFileFilter(e.target.value)}>
              <option value="">All files</option>
              {(fileFilter && !files.includes(fileFilter) ? [fileFilter, ...files] : files).map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {rejected.length === 0 ? (
          <EmptyState title="No rejected lines." />
        ) : (
          <table className="table" aria-label="Rejected lines">
            <thead>
              <tr>
                <th>File</th>
                <th className="num">Line</th>
                <th>Reason</th>
                <th>Text of the line</th>
                <th>Rejected at</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rejected.map((r) => (
                <tr key={r.id}>
                  <td className="clip" title={r.file}>
                    {baseName(r.file)}
                  </td>
                  <td className="num">{r.line}</td>
                  <td>{r.reason}</td>
                  <td className="mono small raw" title={r.raw}>
                    {r.raw}
                  </td>
                  <td className="mono small">{formatTime(r.rejectedAt)}</td>
                  <td>
                    <button
                      className="btn small"
                      type="button"
                      onClick={() => setFixing(r)}
                      aria-label={`Fix line ${r.line} of ${baseName(r.file)}`}
                    >
                      Fix…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {fixing && (
        <FixLineDialog
          line={fixing}
          onClose={() => setFixing(null)}
          onFixed={(message) => {
            setFixing(null);
            void queryClient.invalidateQueries({ queryKey: ['rejectedLines'] });
            toast('ok', message);
          }}
        />
      )}
    </div>
  );
}

/**
 * Put a refused line right: its text in an editor, the reason it was refused above it, and
 * Retry, which imports the line through the import's own checks. A refusal stays in the dialog.
 */
function FixLineDialog({
  line,
  onClose,
  onFixed,
}: {
  line: RejectedLineRecord;
  onClose(): void;
  onFixed(message: string): void;
}) {
  const [text, setText] = useState(line.raw);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const where = `line ${line.line} of ${baseName(line.file)}`;
  const retry = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await ledger().retryRejectedLine({ id: line.id, line: text });
      onFixed(
        r.outcome === 'recorded'
          ? `${capitalised(where)} is recorded as event #${formatCount(r.seq)}.`
          : `${capitalised(where)} was already recorded (event #${formatCount(r.seq)}); it is marked fixed.`,
      );
    } catch (e) {
      setProblem(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Fix ${where}`} onClose={onClose} wide testId="fix-line-dialog">
      <p className="small">
        Refused because: <strong>{line.reason}</strong>
      </p>
      <label className="fix-line">
        The line (JSON, or a CSV row in the handbook's column order)
        <textarea
          className="mono small"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={6}
          spellCheck={false}
          data-testid="fix-line-text"
        />
      </label>
      <ErrorNote message={problem} />
      <div className="actions">
        <button
          className="btn primary"
          type="button"
          disabled={busy || text.trim() === ''}
          onClick={() => void retry()}
        >
          Retry
        </button>
        <button className="btn" type="button" onClick={onClose}>
          Cancel
        </button>
        <span className="muted small">The line goes through the same checks as an import.</span>
      </div>
    </Dialog>
  );
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One long job: its label, its latest message, a progress bar, Cancel while it runs, and its end. */
export function JobCard({ job }: { job: Job }) {
  const cancel = async () => {
    try {
      await ledger().cancelJob({ jobId: job.jobId });
    } catch (e) {
      toast('error', messageOf(e));
    }
  };
  return (
    <div className="card job-card" aria-label={`Job ${job.label}`}>
      <div className="job-head">
        <strong className="ellipsis" data-testid="job-title">
          {describeJob(job)}
        </strong>
        <span className="muted small">{job.message}</span>
        <span className="spacer" />
        {!job.finished && (
          <button className="btn small" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
      </div>
      <ProgressBar fraction={fractionDone(job)} label={`${job.label} progress`} />
      {/* Said once: a file's own refusal is in its report, not repeated as the job's error. */}
      {job.finished && !job.finished.ok && !job.finished.reports.some((r) => r.error === job.finished!.error) && (
        <ErrorNote message={job.finished.error} />
      )}
      {job.finished?.reports.map((r) => (
        <ReportView key={r.file} report={r} />
      ))}
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  return (
    <div className="report" role="region" aria-label={`Import report for ${baseName(report.file)}`}>
      <div className="report-head">
        <span className="mono small" title={report.file}>
          {baseName(report.file)}
        </span>
        {report.cancelled && <span className="badge warn">cancelled</span>}
        {report.error && <span className="badge danger">not read</span>}
      </div>
      {report.error && (
        <p className="error-note" data-testid="report-error">
          {report.error}
        </p>
      )}
      {!report.error && (
        <dl className="report-figures">
          <dt>Accepted</dt>
          <dd>{formatCount(report.accepted)}</dd>
          <dt>Duplicates</dt>
          <dd>{formatCount(report.duplicates)}</dd>
          <dt>Blank</dt>
          <dd>{formatCount(report.blank)}</dd>
          <dt>Rejected</dt>
          <dd className={report.rejected.length > 0 ? 'danger' : undefined}>{formatCount(report.rejected.length)}</dd>
          <dt>Anomalies</dt>
          <dd className={report.anomalies > 0 ? 'danger' : undefined}>{formatCount(report.anomalies)}</dd>
        </dl>
      )}
      {report.rejected.length > 0 && (
        <ul className="rejected-list">
          {report.rejected.slice(0, 50).map((r) => (
            <li key={r.line}>
              <span className="mono">line {r.line}</span>: {r.reason}
            </li>
          ))}
          {report.rejected.length > 50 && (
            <li className="muted">… and {formatCount(report.rejected.length - 50)} more, listed below.</li>
          )}
        </ul>
      )}
    </div>
  );
}
