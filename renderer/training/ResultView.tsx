/** The graded answer: the score, each criterion, the handbook's explanation, and where to go next. */
import type { SubmitResultRecord } from '../../shared/contract/training';
import { answerSummary, duration } from './describe';

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
      <h1 className="tr-h1">{props.title}</h1>
      <div className={grade.passed ? 'tr-score is-passed' : 'tr-score is-failed'} data-testid="training-score">
        {grade.passed ? 'Right' : 'Not quite'} — {grade.score} / 100
      </div>
      <p className="tr-muted">
        Attempt {attempt.attempt}, {duration(attempt.seconds)}. Your answer: {answerSummary(attempt.answer)}
      </p>
      <ul aria-label="Verdicts" className="tr-verdicts">
        {grade.verdicts.map((v) => (
          <li key={v.criterion} className={v.ok ? 'tr-ok' : 'tr-error'}>
            {v.ok ? '✓' : '✗'} <strong>{NAMES[v.criterion]}:</strong> {v.message}
          </li>
        ))}
      </ul>
      <div className="tr-explanation" data-testid="training-explanation">
        <strong>Why: </strong>
        {grade.explanation}
      </div>
      {result.refusal ? (
        <p className="tr-error">The practice journal did not record your answer: {result.refusal}</p>
      ) : null}
      <div className="tr-toolbar">
        <button type="button" className="tr-primary" onClick={props.onRetry} disabled={props.busy}>
          Try again
        </button>
        <button type="button" className="tr-button" onClick={props.onTimeline}>
          Order {props.orderId} in the practice journal
        </button>
        <button type="button" className="tr-button" onClick={props.onProgress} disabled={props.busy}>
          Progress
        </button>
        <button type="button" className="tr-button" onClick={props.onLeave} disabled={props.busy}>
          Leave practice
        </button>
      </div>
    </div>
  );
}
