/** A running job's progress bar, with an optional Cancel. */
import type { JobView } from './store';
import { formatCount } from '../ui/format';

export function JobProgress({
  job,
  what,
  onCancel,
}: {
  job: JobView<unknown>;
  what: string;
  onCancel?: (() => void) | undefined;
}) {
  if (!job.running) return null;
  const pct = job.total ? Math.min(100, Math.round((100 * job.done) / Math.max(job.total, 1))) : 0;
  return (
    <div className="rules-row" role="status" aria-live="polite">
      <div className="rules-progress" aria-hidden="true">
        {/* Inline: the width is the progress itself, computed. */}
        <div style={{ width: `${pct}%` }} />
      </div>
      <span>
        {formatCount(job.done)} of {job.total === null ? '…' : formatCount(job.total)} {what}
      </span>
      {onCancel && (
        <button className="rules-btn" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
