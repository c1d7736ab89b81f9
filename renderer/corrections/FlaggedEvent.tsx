/** The event the form was opened from, and what was wrong with it. */
import type { EventDetail } from './formModel';
import { describeEvent, initiatorName } from './describe';
import { anomalyName } from '../../shared/rules/anomalyNames';
import { formatTime } from '../ui/format';
import { s } from './styles';

export function FlaggedEvent({ detail }: { detail: EventDetail }) {
  const e = detail.event;
  return (
    <section style={s.section} aria-label="Flagged event" data-testid="flagged-event">
      <h3 style={s.sectionTitle}>
        Event #{e.seq} {/* Ids are case-sensitive: keep this one out of the heading's capitals. */}
        <span style={{ ...s.muted, textTransform: 'none', letterSpacing: 0 }}>({e.eventId})</span>
      </h3>
      <div>
        <strong>{describeEvent(e)}</strong>
      </div>
      <div style={s.muted}>
        by {initiatorName(e.initiatedBy)} at {formatTime(e.timestamp)} · recorded from {e.source}
      </div>
      <div style={{ marginTop: 4 }}>
        Status {detail.statusBefore ?? '(none)'} → {detail.statusAfter ?? '(none)'}
      </div>
      {e.anomalies.length === 0 ? (
        <p style={s.muted}>Nothing was flagged on this event.</p>
      ) : (
        <ul style={{ margin: '8px 0 0', paddingLeft: 18 }} data-testid="flagged-anomalies">
          {e.anomalies.map((a, i) => (
            <li key={i} style={a.open ? s.danger : s.muted}>
              <strong>{anomalyName(a.kind)}</strong> ({a.severity}): {a.message}{' '}
              {a.open ? '— open' : `— resolved${a.resolvedBySeq !== null ? ` by #${a.resolvedBySeq}` : ''}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
