/**
 * Export to corporate: where bundles go and when, what is waiting, the last exports (when, range,
 * count, where), the next run, the latest failure, and "Export now". The export itself runs in
 * the journal worker; this page only asks and shows.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useJobs } from '../app/jobs';
import { useSession } from '../app/session';
import { ErrorNote } from '../ui/Dialog';
import { formatCount, formatTime } from '../ui/format';
import {
  anchoredAgo,
  describeRange,
  describeSchedule,
  draftOf,
  settingsOf,
  waiting,
  type ScheduleDraft,
} from './describe';
import { exportStore, type ExportState } from './store';
import { isSupervisor } from '../../shared/corrections/decide';
import { EXPORT_FOLDER_FROM_COMMAND_LINE } from '../../shared/contract/constants';

export function ExportPage({ store = exportStore() }: { store?: StoreApi<ExportState> }) {
  const s = useStore(store);
  const supervisor = useSession((x) => isSupervisor(x.session?.operator?.role));
  const job = useJobs((x) => x.jobs.find((j) => j.kind === 'export' && !j.finished) ?? null);

  useEffect(() => {
    void store.getState().load();
    return store.getState().follow();
  }, [store]);

  return (
    <ExportView
      state={s}
      supervisor={supervisor}
      progress={job && job.total ? { done: job.done, total: job.total } : null}
    />
  );
}

/** The time now, moved on every half minute, so "anchored 12 minutes ago" does not stand still. */
function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The page for a given state (rendered on its own in tests). */
export function ExportView({
  state,
  supervisor,
  progress = null,
}: {
  state: ExportState;
  supervisor: boolean;
  /** Events written so far by the running export (from the long jobs' progress). */
  progress?: { done: number; total: number } | null;
}) {
  const { status } = state;
  const now = useClock();
  if (!status) {
    return (
      <div className="page">
        <header className="page-head">
          <h1>Export to corporate</h1>
        </header>
        {state.loading ? <p className="muted">Loading…</p> : <ErrorNote message={state.error} />}
      </div>
    );
  }
  if (status.training) {
    return (
      <div className="page">
        <header className="page-head">
          <h1>Export to corporate</h1>
        </header>
        <p className="card" role="note">
          This is a training journal. Nothing from a training journal is ever exported.
        </p>
      </div>
    );
  }
  const canExport = status.settings.destination !== null && !state.exporting && !status.running;
  return (
    <div className="page">
      <header className="page-head">
        <h1>Export to corporate</h1>
        <button className="btn primary" onClick={() => void state.exportNow()} disabled={!canExport}>
          {state.exporting || status.running ? 'Exporting…' : 'Export now'}
        </button>
      </header>

      <section className="card" aria-labelledby="export-state-title">
        <h2 id="export-state-title">Now</h2>
        <p>{waiting(status)}</p>
        <p data-testid="anchored">{anchoredAgo(status, now)}</p>
        {progress && (state.exporting || status.running) && (
          <p role="status">
            Exporting: {formatCount(progress.done)} of {formatCount(progress.total)} events written.
          </p>
        )}
        <p>
          Next export:{' '}
          <strong>
            {status.nextRun
              ? formatTime(status.nextRun)
              : status.settings.destination
                ? 'not scheduled'
                : 'no destination set'}
          </strong>{' '}
          <span className="muted small">({describeSchedule(status.settings.schedule)})</span>
        </p>
        {status.failure && (
          <div className="error-note" role="alert">
            <strong>The last export failed</strong> ({formatTime(status.failure.at)}
            {status.failure.attempts > 1 ? `, ${formatCount(status.failure.attempts)} attempts in a row` : ''}):{' '}
            {status.failure.message}
            {status.failure.retryAt && <> — trying again at {formatTime(status.failure.retryAt)}.</>}
            <br />
            <span className="small">
              Nothing was lost: the next export that succeeds includes every event since the last one.
            </span>
          </div>
        )}
        {state.lastResult && !status.failure && (
          <p className="muted small" role="status">
            {state.lastResult.bundle === null
              ? 'Nothing new since the last export: no bundle written.'
              : `Wrote ${state.lastResult.bundle} (${formatCount(state.lastResult.events)} events).`}
          </p>
        )}
        <ErrorNote message={state.error} />
      </section>

      <section className="card" aria-labelledby="export-history-title">
        <h2 id="export-history-title">Last exports</h2>
        {status.history.length === 0 ? (
          <p className="muted">No export yet.</p>
        ) : (
          <table className="table" aria-label="Last exports">
            <thead>
              <tr>
                <th>When</th>
                <th>Range</th>
                <th>Events</th>
                <th>Where</th>
              </tr>
            </thead>
            <tbody>
              {status.history.map((h) => (
                <tr key={h.id}>
                  <td>{formatTime(h.at)}</td>
                  <td>{describeRange(h.fromSeq, h.toSeq)}</td>
                  <td>{formatCount(h.events)}</td>
                  <td className="mono small" title={h.bundle}>
                    {h.destination}/{h.bundle}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <ScheduleForm state={state} supervisor={supervisor} canChoose={state.canChooseFolders()} />

      {status.publicKey && (
        <section className="card" aria-labelledby="export-key-title">
          <h2 id="export-key-title">Workstation key</h2>
          <p className="muted small">
            Corporate checks every bundle&apos;s signature with this public key (also printed by{' '}
            <code>warehouse-ledger key</code>).
          </p>
          <pre className="data mono small">{status.publicKey}</pre>
          {status.pendingKey ? (
            <p role="status">
              A new key (fingerprint <code className="mono small">{status.pendingKey}</code>) is made: the next export
              is signed by this key and announces the new one to corporate.
            </p>
          ) : supervisor ? (
            <div className="actions">
              <button className="btn" type="button" onClick={() => void state.rotateKey()}>
                Rotate the key
              </button>
              <span className="muted small">The next export announces the new key, signed by this one.</span>
            </div>
          ) : null}
        </section>
      )}
    </div>
  );
}

function ScheduleForm({
  state,
  supervisor,
  canChoose,
}: {
  state: ExportState;
  supervisor: boolean;
  /** A folder dialog is there (Electron); in the browser host the destination comes from the command line. */
  canChoose: boolean;
}) {
  const settings = state.status!.settings;
  const [draft, setDraft] = useState<ScheduleDraft>(() => draftOf(settings));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(draftOf(settings)), [settings]);
  const change = (patch: Partial<ScheduleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const checked = settingsOf(draft);
    if (!checked.ok) return setProblem(checked.problem);
    setProblem(null);
    await state.save(checked.settings);
  };

  return (
    <form className="card settings" onSubmit={save} aria-labelledby="export-settings-title">
      <h2 id="export-settings-title">Destination and schedule</h2>
      <div className="export-destination" data-testid="export-destination">
        <span className="export-destination-label">Destination folder</span>
        <span className={settings.destination ? 'mono' : 'muted'} data-testid="export-destination-path">
          {settings.destination ?? 'none chosen yet'}
        </span>
        {canChoose ? (
          supervisor && (
            <button
              className="btn"
              type="button"
              disabled={state.saving}
              onClick={() => void state.chooseFolder()}
              data-testid="export-choose-folder"
            >
              Choose folder…
            </button>
          )
        ) : (
          <p className="muted small" data-testid="export-destination-cli">
            {EXPORT_FOLDER_FROM_COMMAND_LINE}
          </p>
        )}
      </div>
      <label>
        Workstation name
        <input
          value={draft.workstation}
          onChange={(e) => change({ workstation: e.target.value })}
          disabled={!supervisor}
        />
      </label>
      <label>
        Schedule
        <select
          value={draft.kind}
          onChange={(e) => change({ kind: e.target.value as ScheduleDraft['kind'] })}
          disabled={!supervisor}
        >
          <option value="off">Only on &quot;Export now&quot;</option>
          <option value="every">Every N hours</option>
          <option value="daily">Daily at a time</option>
        </select>
      </label>
      {draft.kind === 'every' && (
        <label>
          Hours between exports
          <input
            type="number"
            min={1}
            max={168}
            value={draft.hours}
            onChange={(e) => change({ hours: e.target.value })}
            disabled={!supervisor}
          />
        </label>
      )}
      {draft.kind === 'daily' && (
        <label>
          Time of day
          <input type="time" value={draft.at} onChange={(e) => change({ at: e.target.value })} disabled={!supervisor} />
        </label>
      )}
      <div className="actions">
        <button className="btn primary" type="submit" disabled={!supervisor || state.saving}>
          Save
        </button>
        {!supervisor && <span className="muted small">Only a Supervisor may change where and when exports go.</span>}
      </div>
      <ErrorNote message={problem} />
    </form>
  );
}
