/**
 * The correction form, mounted once at the app root and opened with `openCorrection`.
 * Steps: the order as it is → choose a status (or dismiss) and give a reason → preview → confirm.
 * A Clerk sees the same screens; instead of Confirm they may send the draft to a Supervisor.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { CorrectionFormStore, CorrectionFormState, CorrectionFormActions } from './formModel';
import { commonReasons, currentPreview, eventsToName, formProblems, unavailableBecause } from './formModel';
import { correctionForm } from './formInstance';
import { openCorrection, useCorrectionForm, type RequestDraft } from './store';
import { useLive } from '../app/live';
import { OrderSummary } from './OrderSummary';
import { FlaggedEvent } from './FlaggedEvent';
import { HistoryAround } from './HistoryAround';
import { StatusChoice } from './StatusChoice';
import { FlagChoice } from './FlagChoice';
import { ReasonField } from './ReasonField';
import { PreviewPanel } from './PreviewPanel';
import { maySendToSupervisor, SendToSupervisor } from './SendToSupervisor';
import { classes } from '../ui/classes';
import { returnFocus } from '../ui/Dialog';

export interface CorrectionDialogProps {
  /** The form's store; the window's own by default (tests hand in one bound to a fake ledger). */
  form?: CorrectionFormStore;
}

export function CorrectionDialog({ form = correctionForm }: CorrectionDialogProps) {
  const target = useCorrectionForm((st) => st.target);
  const closeTarget = useCorrectionForm((st) => st.close);
  const state = useStore(form);

  useEffect(() => {
    if (target) void form.getState().load(target);
    else form.getState().close();
  }, [target, form]);

  // A native modal <dialog>: the browser keeps focus inside it and the page behind inert; on
  // close, focus goes back to what opened it (the "Correct…" button of the inbox, say), as taken
  // when the form was asked for: not whatever had focus when this effect happened to run, which
  // after the window lost focus and got it back, or after another event was opened from inside
  // the form, is not the opener.
  const dialogRef = useRef<HTMLDialogElement>(null);
  const open = !!target;
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!open || !dialog) return;
    if (!dialog.open) dialog.showModal?.();
    dialog.focus();
    return () => {
      if (dialog.open) dialog.close();
      returnFocus(useCorrectionForm.getState().opener);
    };
  }, [open]);

  // A push says the journal changed: if it may concern this order, check whether it moved on.
  const revision = useLive((l) => l.revision);
  useEffect(() => {
    if (!target || revision === 0) return;
    const touched = useLive.getState().orderIds;
    if (touched === null || touched.includes(target.orderId)) void form.getState().checkMoved();
  }, [revision, target, form]);

  // Escape is the dialog's "cancel": it closes the form, but never in the middle of a write.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!target || !dialog) return;
    const onCancel = (e: Event) => {
      e.preventDefault();
      if (form.getState().step !== 'writing') closeTarget();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, [target, form, closeTarget]);

  if (!target) return null;
  return (
    <dialog
      ref={dialogRef}
      tabIndex={-1}
      aria-labelledby="correction-title"
      className="correction-modal cx-dialog"
      data-testid="correction-dialog"
    >
      <CorrectionFormView state={state} onClose={closeTarget} />
    </dialog>
  );
}

/** The form's content for a given state: pure rendering, so it can be rendered to markup in tests. */
export function CorrectionFormView({
  state,
  onClose,
}: {
  state: CorrectionFormState & CorrectionFormActions;
  onClose: () => void;
}) {
  const preview = useMemo(() => currentPreview(state), [state]);
  // A notice or an error appears at the top: bring it into view, wherever the operator had scrolled.
  const topRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.notice || state.error) topRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [state.notice, state.error]);
  const unavailable = unavailableBecause(state);
  const orderId = state.target?.orderId ?? '';
  const title =
    state.mode === 'dismiss' ? `Dismiss a false alarm on order ${orderId}` : `Correct the status of order ${orderId}`;
  const editing = state.step === 'edit';
  const unnamed = editing ? eventsToName(state) : [];

  return (
    <>
      <div className="cx-header" ref={topRef}>
        <h2 id="correction-title" className="cx-title">
          {title}
        </h2>
        {state.training && <span className="cx-banner cx-banner-warn">Training journal</span>}
        <button type="button" className="cx-button" onClick={onClose} disabled={state.step === 'writing'}>
          Close
        </button>
      </div>

      {state.notice && (
        <div
          className={`cx-banner cx-banner-${state.step === 'done' ? 'ok' : 'warn'}`}
          role="status"
          data-testid="correction-notice"
        >
          {state.notice}
          {state.moved && (
            <>
              {' '}
              <button type="button" className="cx-button" onClick={() => void state.reload()}>
                Reload the order
              </button>
            </>
          )}
        </div>
      )}
      {state.target?.request && <RequestNote request={state.target.request} />}
      {unavailable && state.step !== 'loading' && state.step !== 'failed' && state.step !== 'done' && (
        <div className="cx-banner cx-banner-info" data-testid="correction-unavailable">
          {unavailable}
        </div>
      )}
      {unnamed.length > 0 && (
        <div className="cx-banner cx-banner-warn" data-testid="correction-name-event">
          Your answer is graded on which event was wrong, and this form names none (it was opened on the order). Open it
          from the flagged event instead:{' '}
          {unnamed.map((item) => (
            <button
              key={item.seq}
              type="button"
              className="cx-button cx-ml4"
              onClick={() => openCorrection({ orderId, seq: item.seq, mode: 'correct' })}
            >
              Event #{item.seq} ({item.type})
            </button>
          ))}
        </div>
      )}
      {state.error && (
        <div className="cx-banner cx-banner-error" role="alert" data-testid="correction-error">
          {state.error}
        </div>
      )}
      {state.step === 'loading' && <p className="cx-muted">Loading order {orderId}…</p>}

      {state.order && state.step !== 'loading' && (
        <>
          <div className="cx-tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={state.mode === 'correct'}
              className={classes('cx-tab', state.mode === 'correct' && 'is-active')}
              disabled={!editing && state.step !== 'preview'}
              onClick={() => state.setMode('correct')}
            >
              Correct status
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={state.mode === 'dismiss'}
              className={classes('cx-tab', state.mode === 'dismiss' && 'is-active')}
              disabled={(!editing && state.step !== 'preview') || !state.detail}
              title={state.detail ? undefined : 'Open the form from a flagged event to dismiss its flag.'}
              onClick={() => state.setMode('dismiss')}
            >
              Dismiss as false alarm
            </button>
          </div>
          <div className="cx-grid">
            <div>
              <OrderSummary order={state.order} />
              {state.detail && <FlaggedEvent detail={state.detail} />}
              <HistoryAround history={state.history} focusSeq={state.detail?.event.seq} />
            </div>
            <div>
              {(editing || state.step === 'failed') && (
                <section className="cx-section">
                  <FlagChoice
                    choices={state.flagChoices}
                    value={state.detail?.event.seq ?? null}
                    onChange={(seq) => void state.chooseFlag(seq)}
                    disabled={!editing}
                  />
                  {state.mode === 'correct' && state.suggestion?.noCorrectionNeeded && state.detail && (
                    <div className="cx-banner cx-banner-info" role="note" data-testid="no-correction-needed">
                      <strong>No correction needed.</strong> {state.suggestion.defaultWhy}{' '}
                      <button type="button" className="cx-button is-primary" onClick={() => state.setMode('dismiss')}>
                        Dismiss the flag instead
                      </button>
                    </div>
                  )}
                  {state.mode === 'correct' && state.suggestion ? (
                    <StatusChoice options={state.suggestion.options} value={state.status} onChange={state.setStatus} />
                  ) : (
                    <p>
                      The flag is a false alarm: the order keeps its status{' '}
                      <strong>{state.order.status ?? '(none)'}</strong>; the dismissal is recorded as an office event
                      and resolves the flag.
                    </p>
                  )}
                  {state.suggestion && state.suggestion.laterEvents > 0 && state.mode === 'correct' && (
                    <p className="cx-muted">
                      {state.suggestion.laterEvents} event{state.suggestion.laterEvents === 1 ? ' was' : 's were'}{' '}
                      recorded after the flagged one; the order is {state.suggestion.current ?? 'without a status'} now.
                    </p>
                  )}
                  <ReasonField
                    value={state.reason}
                    onChange={state.setReason}
                    suggestions={commonReasons(state.mode)}
                    question={
                      state.mode === 'dismiss'
                        ? 'why is this flag a false alarm? What did the floor check?'
                        : 'what did you find, and where?'
                    }
                  />
                  <div className="cx-actions">
                    <button
                      type="button"
                      className={classes(
                        'cx-button is-primary',
                        (!editing || formProblems(state).length > 0) && 'is-disabled',
                      )}
                      onClick={state.toPreview}
                      disabled={!editing || formProblems(state).length > 0}
                      title={formProblems(state).join(' ') || undefined}
                    >
                      Preview
                    </button>
                  </div>
                </section>
              )}
              {state.step === 'done' && state.written && (
                <section className="cx-section" data-testid="correction-written">
                  <h3 className="cx-section-title">Written</h3>
                  <p className="cx-m0">
                    Event #{state.written.seq} was appended
                    {state.written.status ? (
                      <>
                        ; order {state.order.orderId} is <strong>{state.written.status}</strong>
                      </>
                    ) : null}
                    . The history on the left shows it.
                  </p>
                  <div className="cx-actions">
                    <button type="button" className="cx-button is-primary" onClick={onClose}>
                      Done
                    </button>
                  </div>
                </section>
              )}
              {(state.step === 'preview' || state.step === 'writing') && preview && (
                <>
                  <PreviewPanel preview={preview} />
                  <div className="cx-actions">
                    <button
                      type="button"
                      className="cx-button"
                      onClick={state.back}
                      disabled={state.step !== 'preview'}
                    >
                      Back
                    </button>
                    <button
                      type="button"
                      className={classes(
                        'cx-button is-primary',
                        (state.step !== 'preview' || unavailable !== null || !preview.ok) && 'is-disabled',
                      )}
                      onClick={() => void state.confirm()}
                      disabled={state.step !== 'preview' || unavailable !== null || !preview.ok}
                      title={unavailable ?? undefined}
                      data-testid="correction-confirm"
                    >
                      {state.step === 'writing'
                        ? 'Writing…'
                        : state.mode === 'dismiss'
                          ? 'Confirm dismissal'
                          : 'Confirm correction'}
                    </button>
                  </div>
                  {unavailable && state.step === 'preview' && !maySendToSupervisor(state) && (
                    <p className="cx-muted cx-right">{unavailable}</p>
                  )}
                  {unavailable &&
                    state.step === 'preview' &&
                    formProblems(state).length === 0 &&
                    maySendToSupervisor(state) && <SendToSupervisor state={state} onSent={onClose} />}
                </>
              )}
            </div>
          </div>
        </>
      )}
    </>
  );
}

/** Who asked for this correction, and their note: the form starts from their draft. */
function RequestNote({ request }: { request: RequestDraft }) {
  return (
    <div className="correction-request" data-testid="correction-request">
      <p>
        <strong>{request.requestedBy.name}</strong> ({request.requestedBy.role}) asked for this correction: the form
        starts from their draft (the status, the reason and the flag it resolves). Change what you find wrong before
        Confirm.
      </p>
      {request.note ? (
        <p className="correction-request-note" data-testid="correction-request-note">
          Their note: “{request.note}”
        </p>
      ) : (
        <p className="muted small">They left no note.</p>
      )}
    </div>
  );
}
