/**
 * Practising one scenario: the order's history from the trainee's training journal, the question,
 * and the answer form — pick the event, then correct it to a status, dismiss its flag, or say no
 * correction is needed, with a reason.
 */
import type { StartedScenarioRecord } from '../../shared/contract/training';
import { HistoryTable } from './HistoryTable';
import { eventSummary } from './describe';
import { reasonHint, type AnswerAction, type AnswerDraft } from './store';
import { t } from './styles';

const ACTIONS: { action: AnswerAction; label: string }[] = [
  { action: 'correct', label: 'Correct the status (append a StatusCorrected)' },
  { action: 'dismiss', label: 'Dismiss the flag: a false alarm, the status stays' },
  { action: 'none', label: 'No correction needed' },
];

export function PracticeView(props: {
  started: StartedScenarioRecord;
  draft: AnswerDraft;
  busy: boolean;
  blocker: string | null;
  onPick: (eventId: string) => void;
  onAction: (action: AnswerAction) => void;
  onStatus: (status: string) => void;
  onReason: (reason: string) => void;
  onSubmit: () => void;
  onBack: () => void;
}) {
  const { started, draft, busy, blocker } = props;
  const index = started.history.findIndex((e) => e.eventId === draft.eventId);
  const picked = started.history[index];
  const hint = draft.action === 'none' ? null : reasonHint(draft.reason);
  return (
    <div>
      <div style={t.toolbar}>
        <button type="button" style={t.button} onClick={props.onBack}>
          ← Scenarios
        </button>
      </div>
      <h1 style={t.h1}>{started.title}</h1>
      <p style={t.question} data-testid="training-question">
        {started.question}
      </p>
      <h2 style={t.h2}>Order {started.orderId}</h2>
      <HistoryTable
        history={started.history}
        picked={draft.action === 'none' ? null : draft.eventId}
        onPick={props.onPick}
      />

      <form
        style={t.section}
        aria-label="Your answer"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <span style={t.label}>Your answer</span>
        {ACTIONS.map((a) => (
          <label key={a.action} style={t.choice}>
            <input
              style={t.radio}
              type="radio"
              name="training-action"
              value={a.action}
              checked={draft.action === a.action}
              onChange={() => props.onAction(a.action)}
            />
            <span>{a.label}</span>
          </label>
        ))}

        {draft.action !== 'none' ? (
          <>
            <span style={t.label}>Event</span>
            <div data-testid="training-picked">
              {picked ? (
                <>
                  Event {index + 1}: <strong>{picked.type}</strong> {eventSummary(picked)}
                </>
              ) : (
                <span style={t.muted}>Click the event in the history above.</span>
              )}
            </div>
          </>
        ) : null}

        {draft.action === 'correct' ? (
          <label style={t.label}>
            Correct the order to{' '}
            <select
              style={t.select}
              aria-label="Correct to status"
              value={draft.status ?? ''}
              onChange={(e) => props.onStatus(e.target.value)}
            >
              <option value="" disabled>
                pick a status
              </option>
              {started.statuses.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        ) : null}

        {draft.action !== 'none' ? (
          <label style={t.label}>
            Reason
            <textarea
              style={t.textarea}
              aria-label="Reason"
              value={draft.reason}
              placeholder="Say what you found, as you would for the office (at least 10 characters)"
              onChange={(e) => props.onReason(e.target.value)}
            />
            {hint ? <span style={t.muted}>{hint}</span> : null}
          </label>
        ) : null}

        <div style={t.toolbar}>
          <button type="submit" style={t.primary} disabled={busy || blocker !== null}>
            Submit answer
          </button>
          {blocker ? <span style={t.muted}>{blocker}</span> : null}
        </div>
      </form>
    </div>
  );
}
