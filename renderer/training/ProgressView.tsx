/** Progress per trainee: scenarios done, first-try score, time taken, and the rules got wrong. */
import type { ProgressRecord } from '../../shared/contract/training';
import { duration } from './describe';
import { t } from './styles';

export function ProgressView(props: { progress: readonly ProgressRecord[]; onBack: () => void }) {
  return (
    <div>
      <div style={t.toolbar}>
        <button type="button" style={t.button} onClick={props.onBack}>
          ← Scenarios
        </button>
      </div>
      <h1 style={t.h1}>Training progress</h1>
      {props.progress.length === 0 ? <p style={t.muted}>Nobody has practised yet.</p> : null}
      <table style={t.table} aria-label="Training progress">
        <thead>
          <tr>
            <th style={t.th}>Trainee</th>
            <th style={t.th}>Done</th>
            <th style={t.th}>Right</th>
            <th style={t.th}>First-try score</th>
            <th style={t.th}>Time</th>
            <th style={t.th}>Rules got wrong</th>
          </tr>
        </thead>
        <tbody>
          {props.progress.map((p) => (
            <tr key={p.traineeId} data-trainee-id={p.traineeId}>
              <td style={t.td}>
                {p.traineeName} <span style={t.muted}>({p.traineeId})</span>
              </td>
              <td style={t.td}>
                {p.scenariosDone} / {p.scenariosTotal}
              </td>
              <td style={t.td}>{p.scenariosPassed}</td>
              <td style={t.td}>
                {p.firstTryScore === null ? '—' : `${p.firstTryScore}`}{' '}
                <span style={t.muted}>({p.firstTryPassed} right first time)</span>
              </td>
              <td style={t.td}>{duration(p.secondsTotal)}</td>
              <td style={t.td}>
                {p.rulesWrong.length === 0
                  ? '—'
                  : p.rulesWrong.map((r) => (
                      <span key={r.rule} style={t.chip('error')}>
                        {r.rule} ×{r.times}
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
