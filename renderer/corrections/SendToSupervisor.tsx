/**
 * What a Clerk gets in place of Confirm: the previewed correction, with a note, handed to a
 * Supervisor as a correction request (a CorrectionRequested in the journal). It writes nothing
 * else: the status and the flag stay as they are until a Supervisor corrects or declines.
 */
import { useState } from 'react';
import { ledger, failureOf } from '../app/ledger';
import type { CorrectionFormState } from './formModel';
import { toast } from '../app/toasts';
import { mayHandToSupervisor } from '../../shared/corrections';
import { classes } from '../ui/classes';

/** Whether the form's operator may not confirm but may hand the draft on (decide's rules: a Clerk on the real journal). */
export function maySendToSupervisor(state: Pick<CorrectionFormState, 'operator' | 'practising' | 'training'>) {
  return mayHandToSupervisor(state.operator?.role, state.training, state.practising);
}

export function SendToSupervisor({ state, onSent }: { state: CorrectionFormState; onSent: () => void }) {
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const flagged = state.detail?.event.eventId;
  if (!state.order || state.mode !== 'correct') return null;
  if (!flagged) {
    return <p className="cx-muted cx-right">Name the flagged event to send this to a Supervisor.</p>;
  }
  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const written = await ledger().requestCorrection({
        orderId: state.order!.orderId,
        correctsEventId: flagged,
        status: state.status,
        reason: state.reason,
        expectedSeq: state.expectedSeq,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      // The request is the order's newest event, so this form is out of date once it is written:
      // it closes, and the toast says where the request went.
      toast(
        'ok',
        `Sent to a Supervisor as event #${written.seq}: it waits in the Requests of their anomaly inbox. Order ${state.order!.orderId} stays as it is until they correct it or decline.`,
      );
      onSent();
    } catch (err) {
      setError(failureOf(err).message);
      setSending(false);
    }
  };
  return (
    <section className="cx-section" aria-labelledby="send-to-supervisor" data-testid="send-to-supervisor">
      <h3 id="send-to-supervisor" className="cx-section-title">
        Send to a Supervisor
      </h3>
      <p className="cx-muted">
        Only a Supervisor may confirm a correction. Send them this draft (the status and reason above) with a note; it
        shows in their anomaly inbox with your name.
      </p>
      <label className="cx-block-label">
        Note to the Supervisor (optional)
        <textarea
          value={note}
          maxLength={2000}
          rows={2}
          className="cx-block"
          onChange={(e) => setNote(e.target.value)}
          data-testid="request-note"
        />
      </label>
      {error && (
        <div className="cx-banner cx-banner-error" role="alert">
          {error}
        </div>
      )}
      <div className="cx-actions">
        <button
          type="button"
          className={classes('cx-button is-primary', sending && 'is-disabled')}
          disabled={sending}
          onClick={() => void send()}
          data-testid="request-send"
        >
          {sending ? 'Sending…' : 'Send to a Supervisor'}
        </button>
      </div>
    </section>
  );
}
