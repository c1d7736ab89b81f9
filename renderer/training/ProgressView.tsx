/**
 * Progress per operator who practised: scenarios done, first-try score, time taken, the rules got
 * wrong, and each case's attempts, first and best score and time. A Supervisor sees every Trainee
 * and anyone else who practised (Clerks and Supervisors practise too: they are not called
 * trainees here); anyone else sees their own.
 */
import type { ProgressRecord } from '../../shared/contract/training';
import { duration } from './describe';
import { formatCount } from '../ui/format';

type CaseProgress = ProgressRecord['scenarios'][number];

/** One operator's cases: what each attempt series came to. */
function CaseTable({ who, cases }: { who: ProgressRecord; cases: readonly CaseProgress[] }) {
  if (cases.length === 0) return <span className="tr-muted">No case answered yet.</span>;
  return (
    <table className="tr-sub-table" aria-label={`Cases practised by ${who.traineeName}`}>
      <thead>
        <tr>
          <th className="tr-sub-th">Case</th>
          <th className="tr-sub-th-num">Attempts</th>
          <th className="tr-sub-th-num">First score</th>
          <th className="tr-sub-th-num">Best</th>
          <th className="tr-sub-th-num">Time</th>
          <th className="tr-sub-th">Result</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.scenarioId} data-case-id={c.scenarioId}>
            <td className="tr-sub-td">{c.title}</td>
            <td className="tr-sub-td-num">{formatCount(c.attempts)}</td>
            <td className="tr-sub-td-num">{c.firstScore}</td>
            <td className="tr-sub-td-num">{c.bestScore}</td>
            <td className="tr-sub-td-num">{duration(c.seconds)}</td>
            <td className="tr-sub-td">
              {c.passed ? (
                <span className="tr-chip tr-chip-ok">✓ Passed</span>
              ) : (
                <span className="tr-chip tr-chip-warning">Not right yet</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProgressView(props: {
  progress: readonly ProgressRecord[];
  /** A Supervisor's view: every Trainee and anyone else who practised, not only the signed-in operator. */
  everyone?: boolean;
  onBack: () => void;
}) {
  const { progress, everyone = false } = props;
  return (
    <div>
      <div className="tr-toolbar">
        <button type="button" className="tr-button" onClick={props.onBack}>
          ← Scenarios
        </button>
      </div>
      <h1 className="tr-h1">{everyone ? 'Training progress of everyone who practised' : 'My training progress'}</h1>
      {everyone ? (
        <p className="tr-muted">Every Trainee, and each Clerk or Supervisor who has practised a case.</p>
      ) : null}
      {progress.length === 0 ? <p className="tr-muted">Nobody has practised yet.</p> : null}
      <table className="tr-table" aria-label="Training progress">
        <thead>
          <tr>
            <th className="tr-th">Who practised</th>
            <th className="tr-th">Done</th>
            <th className="tr-th">Right</th>
            <th className="tr-th">First-try score</th>
            <th className="tr-th">Time</th>
            <th className="tr-th">Rules got wrong</th>
          </tr>
        </thead>
        {progress.map((p) => (
          <tbody key={p.traineeId}>
            <tr data-trainee-id={p.traineeId}>
              <td className="tr-td-no-line">
                {p.traineeName} <span className="tr-muted">({p.traineeId})</span>
              </td>
              <td className="tr-td-no-line">
                {formatCount(p.scenariosDone)} / {formatCount(p.scenariosTotal)}
              </td>
              <td className="tr-td-no-line">{formatCount(p.scenariosPassed)}</td>
              <td className="tr-td-no-line">
                {p.firstTryScore === null ? '—' : `${p.firstTryScore}`}{' '}
                <span className="tr-muted">({formatCount(p.firstTryPassed)} right first time)</span>
              </td>
              <td className="tr-td-no-line">{duration(p.secondsTotal)}</td>
              <td className="tr-td-no-line">
                {p.rulesWrong.length === 0
                  ? '—'
                  : p.rulesWrong.map((r) => (
                      <span key={r.rule} className="tr-chip tr-chip-error">
                        {r.rule} ×{r.times}
                      </span>
                    ))}
              </td>
            </tr>
            <tr data-cases-of={p.traineeId}>
              <td className="tr-td" colSpan={6}>
                <CaseTable who={p} cases={p.scenarios} />
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
