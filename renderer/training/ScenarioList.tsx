/** The scenarios to practise, with what each covers (computed from its history by replay). */
import { useState } from 'react';
import type { ScenarioSummaryRecord } from '../../shared/contract/training';
import { t } from './styles';

/** Supervisor only: "Practise on a real mistake" from the id of a flagged event of the real journal. */
function FromAnomalyForm(props: { busy: boolean; made: string | null; onMake: (eventId: string) => void }) {
  const [eventId, setEventId] = useState('');
  return (
    <form
      style={t.section}
      aria-label="Practise on a real mistake"
      onSubmit={(e) => {
        e.preventDefault();
        if (eventId.trim()) props.onMake(eventId);
      }}
    >
      <span style={t.label}>Practise on a real mistake</span>
      <span style={t.muted}>
        The flagged event&apos;s order history is copied with people&apos;s names replaced, and saved as a new case.
      </span>
      <div style={t.toolbar}>
        <input
          aria-label="Flagged event id"
          placeholder="event id, e.g. s-1345693-08"
          value={eventId}
          onChange={(e) => setEventId(e.target.value)}
          style={{ ...t.select, minWidth: 260 }}
        />
        <button type="submit" style={t.button} disabled={props.busy || !eventId.trim()}>
          Make a scenario
        </button>
        {props.made ? <span style={t.ok}>{props.made}</span> : null}
      </div>
    </form>
  );
}

export function ScenarioList(props: {
  scenarios: readonly ScenarioSummaryRecord[];
  busy: boolean;
  onStart: (id: string) => void;
  onProgress: () => void;
  /** The signed-in operator is a Supervisor: sees everyone's progress and may make real-mistake cases. */
  everyone: boolean;
  made: string | null;
  onFromAnomaly: (eventId: string) => void;
}) {
  const { scenarios, busy, onStart, onProgress, everyone } = props;
  return (
    <div>
      <h1 style={t.h1}>Training: the handbook cases</h1>
      <p style={t.muted}>
        Each case is a short order history with at most one mistake, loaded into a practice journal of your own. You
        work in the usual Orders, Journal and Anomalies views: find the event, then correct it or dismiss its flag with
        the usual form, or answer &ldquo;No correction needed&rdquo; from the TRAINING band. Your answer is graded and
        explained.
      </p>
      <div style={t.toolbar}>
        <button type="button" style={t.button} onClick={onProgress} disabled={busy}>
          {everyone ? "Everyone's progress" : 'My progress'}
        </button>
      </div>
      {everyone ? <FromAnomalyForm busy={busy} made={props.made} onMake={props.onFromAnomaly} /> : null}
      <table style={t.table} aria-label="Training scenarios">
        <thead>
          <tr>
            <th style={t.th}>Case</th>
            <th style={t.th}>Covers</th>
            <th style={t.th} />
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.id} data-scenario-id={s.id}>
              <td style={t.td}>
                <strong>{s.title}</strong>
                {s.origin.kind === 'real' ? <span style={t.chip('warning')}>real mistake</span> : null}
                <div style={t.muted}>{s.question}</div>
              </td>
              <td style={t.td}>
                {s.kinds.map((k) => (
                  <span key={k} style={t.chip('error')}>
                    {k}
                  </span>
                ))}
                {s.rows
                  .filter(
                    (r) => !/^(Received→PendingPicking|PendingPicking→Picking|Picking→Picked|Picked→Packed)$/.test(r),
                  )
                  .map((r) => (
                    <span key={r} style={t.chip('row')}>
                      {r}
                    </span>
                  ))}
              </td>
              <td style={t.td}>
                <button type="button" style={t.primary} disabled={busy} onClick={() => onStart(s.id)}>
                  Practise
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
