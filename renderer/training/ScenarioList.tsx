/**
 * The scenarios to practise, which of them the signed-in operator has done and passed, and for a
 * Supervisor what each covers (computed from its history by replay).
 */
import { anomalyName } from '../../shared/rules/anomalyNames';
import { useState } from 'react';
import type { ProgressRecord, ScenarioSummaryRecord } from '../../shared/contract/training';
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
  if (mark === 'passed') return <span className="tr-chip tr-chip-ok">✓ Passed</span>;
  if (mark === 'done') return <span className="tr-chip tr-chip-warning">Done, not right yet</span>;
  return <span className="tr-muted">Not tried</span>;
}

/** Supervisor only: "Practise on a real mistake" from the id of a flagged event of the real journal. */
function FromAnomalyForm(props: { busy: boolean; made: string | null; onMake: (eventId: string) => void }) {
  const [eventId, setEventId] = useState('');
  return (
    <form
      className="tr-section"
      aria-label="Practise on a real mistake"
      onSubmit={(e) => {
        e.preventDefault();
        if (eventId.trim()) props.onMake(eventId);
      }}
    >
      <span className="tr-label">Practise on a real mistake</span>
      <span className="tr-muted">
        The flagged event&apos;s order history is copied with people&apos;s names replaced, and saved as a new case.
      </span>
      <div className="tr-toolbar">
        <input
          aria-label="Flagged event id"
          placeholder="event id, e.g. s-1345693-08"
          value={eventId}
          onChange={(e) => setEventId(e.target.value)}
          className="tr-select tr-select-wide"
        />
        <button type="submit" className="tr-button" disabled={props.busy || !eventId.trim()}>
          Make a scenario
        </button>
        {props.made ? <span className="tr-ok">{props.made}</span> : null}
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
      <h1 className="tr-h1">Training: the handbook cases</h1>
      <p className="tr-muted">
        Each case is a short order history with at most one mistake, loaded into a practice journal of your own. You
        work in the usual Orders, Journal and Anomalies views: find the event, then correct it or dismiss its flag with
        the usual form, or answer &ldquo;No correction needed&rdquo; from the TRAINING band. Your answer is graded and
        explained.
      </p>
      <div className="tr-toolbar">
        <button type="button" className="tr-button" onClick={onProgress} disabled={busy}>
          {everyone ? "Everyone's progress" : 'My progress'}
        </button>
        <span className="tr-muted" data-testid="training-standing">
          {standingLine(mine, scenarios.length)}
        </span>
      </div>
      {everyone ? <FromAnomalyForm busy={busy} made={props.made} onMake={props.onFromAnomaly} /> : null}
      <table className="tr-table" aria-label="Training scenarios">
        <thead>
          <tr>
            <th className="tr-th">Case</th>
            {/* What a case covers names its mistake: a Supervisor plans with it, a trainee would read the answer. */}
            {everyone ? <th className="tr-th">Covers</th> : null}
            <th className="tr-th tr-col-you">You</th>
            <th className="tr-th tr-col-start" />
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.id} data-scenario-id={s.id} data-mark={markOf(mine, s.id)}>
              <td className="tr-td">
                <strong>{s.title}</strong>
                {s.origin.kind === 'real' ? <span className="tr-chip tr-chip-warning">real mistake</span> : null}
                <div className="tr-muted">{s.question}</div>
              </td>
              {everyone ? (
                <td className="tr-td">
                  {s.kinds.map((k) => (
                    <span key={k} className="tr-chip tr-chip-error">
                      {anomalyName(k)}
                    </span>
                  ))}
                  {s.rows
                    .filter(
                      (r) => !/^(Received→PendingPicking|PendingPicking→Picking|Picking→Picked|Picked→Packed)$/.test(r),
                    )
                    .map((r) => (
                      <span key={r} className="tr-chip tr-chip-row">
                        {r}
                      </span>
                    ))}
                </td>
              ) : null}
              <td className="tr-td">
                <Mark mark={markOf(mine, s.id)} />
              </td>
              <td className="tr-td">
                <button type="button" className="tr-primary tr-nowrap" disabled={busy} onClick={() => onStart(s.id)}>
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
