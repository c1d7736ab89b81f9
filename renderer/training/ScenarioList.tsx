/**
 * The scenarios to practise, which of them the signed-in operator has done and passed, and for a
 * Supervisor what each covers (computed from its history by replay).
 */
import { anomalyName } from '../../shared/rules/anomalyNames';
import { useState } from 'react';
import type { ProgressRecord, ScenarioSummaryRecord } from '../../shared/contract/training';
import { t } from './styles';
import { formatCount } from '../ui/format';

export type ScenarioMark = 'passed' | 'done' | 'new';

/** Where the operator stands on one case: answered right at some attempt, answered, or not tried. */
export function markOf(mine: ProgressRecord | null | undefined, scenarioId: string): ScenarioMark {
  const row = mine?.scenarios.find((s) => s.scenarioId === scenarioId);
  if (!row) return 'new';
  return row.passed ? 'passed' : 'done';
}

/** The operator's standing over the whole list, in one line. */
export function standingLine(mine: ProgressRecord | null | undefined, listed: number): string {
  if (!mine || mine.scenariosDone === 0) return `You have not practised any of the ${listed} cases yet.`;
  return `You have done ${formatCount(mine.scenariosDone)} of ${formatCount(listed)} cases; ${formatCount(mine.scenariosPassed)} answered right.`;
}

function Mark({ mark }: { mark: ScenarioMark }) {
  if (mark === 'passed') return <span style={t.chip('ok')}>✓ Passed</span>;
  if (mark === 'done') return <span style={t.chip('warning')}>Done, not right yet</span>;
  return <span style={t.muted}>Not tried</span>;
}

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
  /** The signed-in operator's own progress: which cases they have done and passed. */
  mine?: ProgressRecord | null;
}) {
  const { scenarios, busy, onStart, onProgress, everyone, mine } = props;
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
        <span style={t.muted} data-testid="training-standing">
          {standingLine(mine, scenarios.length)}
        </span>
      </div>
      {everyone ? <FromAnomalyForm busy={busy} made={props.made} onMake={props.onFromAnomaly} /> : null}
      <table style={t.table} aria-label="Training scenarios">
        <thead>
          <tr>
            <th style={t.th}>Case</th>
            {/* What a case covers names its mistake: a Supervisor plans with it, a trainee would read the answer. */}
            {everyone ? <th style={t.th}>Covers</th> : null}
            <th style={{ ...t.th, width: 140 }}>You</th>
            <th style={{ ...t.th, width: 130 }} />
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.id} data-scenario-id={s.id} data-mark={markOf(mine, s.id)}>
              <td style={t.td}>
                <strong>{s.title}</strong>
                {s.origin.kind === 'real' ? <span style={t.chip('warning')}>real mistake</span> : null}
                <div style={t.muted}>{s.question}</div>
              </td>
              {everyone ? (
                <td style={t.td}>
                  {s.kinds.map((k) => (
                    <span key={k} style={t.chip('error')}>
                      {anomalyName(k)}
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
              ) : null}
              <td style={t.td}>
                <Mark mark={markOf(mine, s.id)} />
              </td>
              <td style={t.td}>
                <button
                  type="button"
                  style={{ ...t.primary, whiteSpace: 'nowrap' }}
                  disabled={busy}
                  onClick={() => onStart(s.id)}
                >
                  {markOf(mine, s.id) === 'new' ? 'Practise' : 'Practise again'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
