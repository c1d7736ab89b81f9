/** The graded answer: the score, each criterion, the handbook's explanation, and where to go next. */
import type { SubmitResultRecord } from '../../shared/contract/training';
import { answerSummary, duration } from './describe';
import { t } from './styles';

const NAMES = { action: 'What to do', event: 'Which event', status: 'Which status', reason: 'A reason' } as const;

export function ResultView(props: {
  title: string;
  orderId: string;
  result: SubmitResultRecord;
  busy: boolean;
  /** The order in the regular timeline, as the practice journal now has it. */
  onTimeline: () => void;
  onRetry: () => void;
  onLeave: () => void;
  onProgress: () => void;
}) {
  const { result } = props;
  const { grade, attempt } = result;
  return (
    <div data-testid="training-result">
      <h1 style={t.h1}>{props.title}</h1>
      <div style={t.score(grade.passed)} data-testid="training-score">
        {grade.passed ? 'Right' : 'Not quite'} — {grade.score} / 100
      </div>
      <p style={t.muted}>
        Attempt {attempt.attempt}, {duration(attempt.seconds)}. Your answer: {answerSummary(attempt.answer)}
      </p>
      <ul aria-label="Verdicts" style={{ listStyle: 'none', padding: 0 }}>
        {grade.verdicts.map((v) => (
          <li key={v.criterion} style={v.ok ? t.ok : t.error}>
            {v.ok ? '✓' : '✗'} <strong>{NAMES[v.criterion]}:</strong> {v.message}
          </li>
        ))}
      </ul>
      <div style={t.explanation} data-testid="training-explanation">
        <strong>Why: </strong>
        {grade.explanation}
      </div>
      {result.refusal ? <p style={t.error}>The practice journal did not record your answer: {result.refusal}</p> : null}
      <div style={t.toolbar}>
        <button type="button" style={t.primary} onClick={props.onRetry} disabled={props.busy}>
          Try again
        </button>
        <button type="button" style={t.button} onClick={props.onTimeline}>
          Order {props.orderId} in the practice journal
        </button>
        <button type="button" style={t.button} onClick={props.onProgress} disabled={props.busy}>
          Progress
        </button>
        <button type="button" style={t.button} onClick={props.onLeave} disabled={props.busy}>
          Leave practice
        </button>
      </div>
    </div>
  );
}
