/**
 * The point-in-time picker: a journal position (#seq) or a recorded time. Small on purpose, so a
 * page adds it to its header with one line; `onChange` lets the page reload its rows.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useJobs } from '../app/jobs';
import { ledger } from '../app/ledger';
import { useSession } from '../app/session';
import { ProgressBar } from '../ui/Dialog';
import { localInputToIso } from '../ui/format';
import { useAsOf } from './asOf';
import './history.css';

export function AsOfPicker({ onChange }: { onChange?(): void }) {
  const { position, error, pick, clear } = useAsOf();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'time' | 'seq'>('time');
  const [value, setValue] = useState('');
  const id = useId();
  const changed = useRef(onChange);
  changed.current = onChange;
  const seen = useRef(position?.seq);
  useEffect(() => {
    if (seen.current === position?.seq) return;
    seen.current = position?.seq;
    changed.current?.();
  }, [position?.seq]);

  const submit = async () => {
    if (mode === 'seq') {
      if (!/^\d+$/.test(value.trim())) return;
      await pick({ seq: Number(value.trim()) });
    } else {
      const time = localInputToIso(value);
      if (!time) return;
      await pick({ time });
    }
    if (!useAsOf.getState().error) setOpen(false);
  };

  // Practice works on the scenario's present only (the past channels are not practice channels).
  const practising = useSession((st) => !!st.session?.practice || !!st.session?.training);
  // The orders list of a past position is made by a job in the worker: its progress shows here.
  const job = useJobs((st) => st.jobs.find((j) => j.kind === 'pastOrders' && !j.finished));
  const making = job && (
    <span className="as-of-picker">
      <ProgressBar fraction={job.total ? job.done / job.total : null} label={job.message} />
      <button className="btn small ghost" onClick={() => void ledger().cancelJob({ jobId: job.jobId })}>
        Cancel
      </button>
    </span>
  );

  if (practising) return null;
  if (!open) {
    return (
      <span className="as-of-picker">
        {making}
        <button className="btn small" onClick={() => setOpen(true)} aria-haspopup="true">
          {position ? `As of #${position.seq}…` : 'As of…'}
        </button>
        {position && (
          <button className="btn small ghost" onClick={clear}>
            Back to now
          </button>
        )}
      </span>
    );
  }
  return (
    <form
      className="as-of-picker open"
      aria-label="Show the journal as it stood"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <select aria-label="By" value={mode} onChange={(e) => setMode(e.target.value as 'time' | 'seq')}>
        <option value="time">Recorded by</option>
        <option value="seq">Journal position #</option>
      </select>
      <label htmlFor={id} className="visually-hidden">
        {mode === 'seq' ? 'Journal position' : 'Recorded time'}
      </label>
      {mode === 'seq' ? (
        <input
          id={id}
          inputMode="numeric"
          placeholder="e.g. 1200"
          value={value}
          autoFocus
          onChange={(e) => setValue(e.target.value)}
        />
      ) : (
        <input
          id={id}
          type="datetime-local"
          step={1}
          value={value}
          autoFocus
          onChange={(e) => setValue(e.target.value)}
        />
      )}
      <button className="btn small primary" type="submit">
        Show
      </button>
      <button className="btn small ghost" type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && (
        <span role="alert" className="danger small">
          {error}
        </span>
      )}
    </form>
  );
}
