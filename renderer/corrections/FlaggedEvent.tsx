/** The event the form was opened from, and what was wrong with it. */
import type { EventDetail } from './formModel';
import { describeEvent, initiatorName } from './describe';
import { anomalyName } from '../../shared/rules/anomalyNames';
import { formatTime } from '../ui/format';

export function FlaggedEvent({ detail }: { detail: EventDetail }) {
  const e = detail.event;
  return (
    <section className="cx-section" aria-label="Flagged event" data-testid="flagged-event">
      <h3 className="cx-section-title">
        Event #{e.seq} {/* Ids are case-sensitive: keep this one out of the heading's capitals. */}
        <span className="cx-muted cx-as-typed">({e.eventId})</span>
      </h3>
      <div>
        <strong>{describeEvent(e)}</strong>
      </div>
      <div className="cx-muted">
        by {initiatorName(e.initiatedBy)} at {formatTime(e.timestamp)} · recorded from {e.source}
      </div>
      <div className="cx-mt4">
        Status {detail.statusBefore ?? '(none)'} → {detail.statusAfter ?? '(none)'}
      </div>
      {e.anomalies.length === 0 ? (
        <p className="cx-muted">Nothing was flagged on this event.</p>
      ) : (
        <ul className="cx-list cx-list-after" data-testid="flagged-anomalies">
          {e.anomalies.map((a, i) => (
            <li key={i} className={a.open ? 'cx-danger' : 'cx-muted'}>
              <strong>{anomalyName(a.kind)}</strong> ({a.severity}): {a.message}{' '}
              {a.open ? '— open' : `— resolved${a.resolvedBySeq !== null ? ` by #${a.resolvedBySeq}` : ''}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
