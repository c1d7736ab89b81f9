/**
 * Progress per operator who practised: scenarios done, first-try score, time taken, the rules got
 * wrong, and each case's attempts, first and best score and time. A Supervisor sees every Trainee
 * and anyone else who practised (Clerks and Supervisors practise too: they are not called
 * trainees here); anyone else sees their own.
 */
import type { ProgressRecord } from '../../shared/contract/training';
import { duration } from './describe';
import { t } from './styles';
import { formatCount } from '../ui/format';

type CaseProgress = ProgressRecord['scenarios'][number];

/** One operator's cases: what each attempt series came to. */
function CaseTable({ who, cases }: { who: ProgressRecord; cases: readonly CaseProgress[] }) {
  if (cases.length === 0) return <span style={t.muted}>No case answered yet.</span>;
  return (
    <table style={t.subTable} aria-label={`Cases practised by ${who.traineeName}`}>
      <thead>
        <tr>
          <th style={t.subTh}>Case</th>
          <th style={t.subThNum}>Attempts</th>
          <th style={t.subThNum}>First score</th>
          <th style={t.subThNum}>Best</th>
          <th style={t.subThNum}>Time</th>
          <th style={t.subTh}>Result</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.scenarioId} data-case-id={c.scenarioId}>
            <td style={t.subTd}>{c.title}</td>
            <td style={t.subTdNum}>{formatCount(c.attempts)}</td>
            <td style={t.subTdNum}>{c.firstScore}</td>
            <td style={t.subTdNum}>{c.bestScore}</td>
            <td style={t.subTdNum}>{duration(c.seconds)}</td>
            <td style={t.subTd}>
              {c.passed ? (
                <span style={t.chip('ok')}>✓ Passed</span>
              ) : (
                <span style={t.chip('warning')}>Not right yet</span>
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
      <div style={t.toolbar}>
        <button type="button" style={t.button} onClick={props.onBack}>
          ← Scenarios
        </button>
      </div>
      <h1 style={t.h1}>{everyone ? 'Training progress of everyone who practised' : 'My training progress'}</h1>
      {everyone ? <p style={t.muted}>Every Trainee, and each Clerk or Supervisor who has practised a case.</p> : null}
      {progress.length === 0 ? <p style={t.muted}>Nobody has practised yet.</p> : null}
      <table style={t.table} aria-label="Training progress">
        <thead>
          <tr>
            <th style={t.th}>Who practised</th>
            <th style={t.th}>Done</th>
            <th style={t.th}>Right</th>
            <th style={t.th}>First-try score</th>
            <th style={t.th}>Time</th>
            <th style={t.th}>Rules got wrong</th>
          </tr>
        </thead>
        {progress.map((p) => (
          <tbody key={p.traineeId}>
            <tr data-trainee-id={p.traineeId}>
              <td style={t.tdNoLine}>
                {p.traineeName} <span style={t.muted}>({p.traineeId})</span>
              </td>
              <td style={t.tdNoLine}>
                {formatCount(p.scenariosDone)} / {formatCount(p.scenariosTotal)}
              </td>
              <td style={t.tdNoLine}>{formatCount(p.scenariosPassed)}</td>
              <td style={t.tdNoLine}>
                {p.firstTryScore === null ? '—' : `${p.firstTryScore}`}{' '}
                <span style={t.muted}>({formatCount(p.firstTryPassed)} right first time)</span>
              </td>
              <td style={t.tdNoLine}>{duration(p.secondsTotal)}</td>
              <td style={t.tdNoLine}>
                {p.rulesWrong.length === 0
                  ? '—'
                  : p.rulesWrong.map((r) => (
                      <span key={r.rule} style={t.chip('error')}>
                        {r.rule} ×{r.times}
                      </span>
                    ))}
              </td>
            </tr>
            <tr data-cases-of={p.traineeId}>
              <td style={t.td} colSpan={6}>
                <CaseTable who={p} cases={p.scenarios} />
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
