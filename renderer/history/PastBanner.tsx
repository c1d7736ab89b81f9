/** On every screen while the window looks at the past: which point, that it is read-only, and the way back. */
import { formatTime } from '../ui/format';
import { useAsOf } from './asOf';
import './history.css';

export function PastBanner() {
  const { position, clear } = useAsOf();
  if (!position) return null;
  const when =
    position.seq === 0
      ? 'before the first event'
      : `after #${position.seq}${position.recordedAt ? `, recorded ${formatTime(position.recordedAt)}` : ''}`;
  return (
    <div className="past-banner" role="status" aria-live="polite">
      <strong>Past view</strong>
      <span>
        The journal as it stood {when} (it now has {position.lastSeq}). Read-only: nothing can be corrected here.
      </span>
      <button className="btn small" onClick={clear}>
        Back to now
      </button>
    </div>
  );
}
