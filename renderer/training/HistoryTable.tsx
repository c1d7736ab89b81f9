/**
 * The scenario order's history as the journal views show it: every event, who did it, the status
 * after it and its flags. In practice a row is picked by clicking it (or with the keyboard).
 */
import type { StartedScenarioRecord } from '../../shared/contract/training';
import { eventSummary, shortTime } from './describe';
import { t } from './styles';

type HistoryItem = StartedScenarioRecord['history'][number];

export function HistoryTable(props: {
  history: readonly HistoryItem[];
  picked?: string | null;
  onPick?: (eventId: string) => void;
}) {
  const { history, picked = null, onPick } = props;
  return (
    <table style={t.table} aria-label="Order history">
      <thead>
        <tr>
          <th style={t.th}>#</th>
          <th style={t.th}>Time</th>
          <th style={t.th}>Event</th>
          <th style={t.th}>By</th>
          <th style={t.th}>Status after</th>
          <th style={t.th}>Flags</th>
        </tr>
      </thead>
      <tbody>
        {history.map((e, i) => {
          const flagged = e.anomalies.some((a) => a.open);
          const isPicked = picked === e.eventId;
          return (
            <tr
              key={e.eventId}
              data-event-id={e.eventId}
              aria-selected={onPick ? isPicked : undefined}
              tabIndex={onPick ? 0 : undefined}
              style={onPick ? t.row(isPicked, flagged) : flagged ? t.row(false, true) : undefined}
              onClick={onPick ? () => onPick(e.eventId) : undefined}
              onKeyDown={
                onPick
                  ? (ev) => {
                      if (ev.key === 'Enter' || ev.key === ' ') {
                        ev.preventDefault();
                        onPick(e.eventId);
                      }
                    }
                  : undefined
              }
            >
              <td style={t.td}>{i + 1}</td>
              <td style={t.td}>{shortTime(e.timestamp)}</td>
              <td style={t.td}>
                <strong>{e.type}</strong> <span style={t.muted}>{eventSummary(e)}</span>
              </td>
              <td style={t.td}>
                {e.initiatedBy.name ?? e.initiatedBy.id} <span style={t.muted}>({e.initiatedBy.role})</span>
              </td>
              <td style={t.td}>{e.statusAfter ?? '—'}</td>
              <td style={t.td}>
                {e.anomalies.map((a) => (
                  <div key={a.kind} title={a.message}>
                    <span style={t.chip(a.severity)}>{a.kind}</span>
                    <span style={a.open ? undefined : t.muted}>
                      {a.message}
                      {a.open ? '' : ' (resolved)'}
                    </span>
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
