/** An empty journal: start from the sample warehouse or from a file of events. */
import { useEffect, useState } from 'react';
import { ledger, messageOf } from './ledger';
import { useJobs, fractionDone } from './jobs';
import { useSession } from './session';
import { ErrorNote, ProgressBar } from '../ui/Dialog';
import { go } from './router';
import { startImport } from '../import/startImport';

export function FirstRun() {
  const [orders, setOrders] = useState(500);
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJobs((s) => s.jobs.find((j) => j.jobId === jobId));

  const loadSample = async () => {
    setError(null);
    try {
      const { jobId } = await ledger().loadSample({ orders, seed: 1 });
      useJobs.getState().started(jobId, 'sample', 'Sample warehouse');
      setJobId(jobId);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const importFile = async () => {
    setError(null);
    try {
      const started = await startImport({ kind: 'dialog' });
      if (started) setJobId(started.jobId);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const finished = job?.finished ?? null;
  useEffect(() => {
    // The journal is no longer empty: the session's event count moves the app past this screen.
    if (finished) void useSession.getState().refresh();
  }, [finished]);

  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">This journal is empty</h2>
      <p className="muted">Start with the sample warehouse to look around, or import the events of your main system.</p>
      <div className="first-run-choices">
        <div className="card">
          <h3>Load the sample warehouse</h3>
          <p className="muted small">
            Generated orders moving through the floor, with the missing package (order 1345693) among them.
          </p>
          <label className="inline">
            Orders
            <input
              type="number"
              min={1}
              max={200000}
              value={orders}
              onChange={(e) => setOrders(Math.max(1, Number(e.target.value) || 1))}
            />
          </label>
          <button className="btn primary" onClick={loadSample} disabled={!!job && !job.finished}>
            Load the sample warehouse
          </button>
        </div>
        <div className="card">
          <h3>Import a file</h3>
          <p className="muted small">NDJSON or CSV as the main system writes them.</p>
          <button className="btn" onClick={() => void importFile()} disabled={!!job && !job.finished}>
            Choose a file to import…
          </button>
        </div>
      </div>
      {job && (
        <div className="job">
          <ProgressBar fraction={fractionDone(job)} label={`${job.label} progress`} />
          <span className="small muted">{job.message}</span>
          {job.finished?.ok === false && <ErrorNote message={job.finished.error} />}
          {job.finished && job.kind === 'import' && (
            <button className="btn link" onClick={() => go('import')}>
              See the import report
            </button>
          )}
        </div>
      )}
      <ErrorNote message={error} />
    </section>
  );
}
