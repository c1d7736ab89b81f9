/**
 * The Requests of the anomaly inbox: corrections Clerks handed to a Supervisor, with who asked
 * and why. A Supervisor opens the correction form on the flagged event (correcting it ends the
 * request) or declines with a reason; a Clerk sees what is still waiting.
 */
import { useState } from 'react';
import type { CorrectionRequestRecord } from '../../shared/contract/requests';
import { failureOf, ledger } from '../app/ledger';
import { useLedgerQuery } from '../app/queries';
import { toast } from '../app/toasts';
import { openCorrection } from '../corrections';
import { formatTime } from '../ui/format';
import { MIN_REASON_LENGTH, mayDeclineRequest, reasonReady } from '../../shared/corrections';
import { formatCount } from '../ui/format';

const NO_REQUESTS: CorrectionRequestRecord[] = [];

export function RequestsSection({ role }: { role: string | undefined }) {
  const supervisor = mayDeclineRequest(role);
  const read = useLedgerQuery('correctionRequests', { open: true });
  const rows = read.data?.rows ?? NO_REQUESTS;
  const error = read.error ? failureOf(read.error).message : null;

  if (rows.length === 0 && !error) return null;
  return (
    <section aria-labelledby="inbox-requests" data-testid="inbox-requests">
      <h2 id="inbox-requests" className="section-title">
        Requests <span className="muted">{formatCount(rows.length)}</span>
      </h2>
      {error && <p role="alert">{error}</p>}
      <ul className="inbox">
        {rows.map((r) => (
          <RequestItem key={r.eventId} request={r} supervisor={supervisor} />
        ))}
      </ul>
    </section>
  );
}

function RequestItem({ request: r, supervisor }: { request: CorrectionRequestRecord; supervisor: boolean }) {
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decline = async () => {
    setBusy(true);
    setError(null);
    try {
      await ledger().declineRequest({ requestEventId: r.eventId, reason });
      toast('ok', `Declined ${r.requestedBy.name}'s request on order ${r.orderId}; the flag stays open.`);
    } catch (err) {
      setError(failureOf(err).message);
      setBusy(false);
    }
  };
  const correct = async () => {
    const flagged = await ledger().eventDetail({ eventId: r.correctsEventId });
    openCorrection({
      orderId: r.orderId,
      mode: 'correct',
      ...(flagged ? { seq: flagged.event.seq } : {}),
      request: { eventId: r.eventId, status: r.status, reason: r.reason, note: r.note, requestedBy: r.requestedBy },
    });
  };
  return (
    <li className="inbox-item" data-testid="request-item">
      <div className="inbox-main">
        <div>
          <strong>{r.requestedBy.name}</strong> asks to set order <span className="mono">{r.orderId}</span> to{' '}
          <strong>{r.status}</strong>: “{r.reason}”
        </div>
        {r.note && <div className="small">Note: {r.note}</div>}
        <div className="small muted">
          corrects <span className="mono">{r.correctsEventId}</span> · {r.requestedBy.role} ·{' '}
          <span className="mono">{formatTime(r.timestamp)}</span>
        </div>
        {declining && (
          <div className="small">
            <label>
              Why decline? (at least {MIN_REASON_LENGTH} characters)
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                size={50}
                data-testid="decline-reason"
                autoFocus
              />
            </label>
            <button
              className="btn small"
              disabled={busy || !reasonReady(reason)}
              onClick={() => void decline()}
              data-testid="decline-confirm"
            >
              Confirm decline
            </button>
            <button className="btn small ghost" disabled={busy} onClick={() => setDeclining(false)}>
              Cancel
            </button>
            {error && <p role="alert">{error}</p>}
          </div>
        )}
      </div>
      {supervisor && !declining && (
        <>
          <button className="btn small" onClick={() => void correct()} data-testid="request-correct">
            Correct…
          </button>
          <button className="btn small ghost" onClick={() => setDeclining(true)} data-testid="request-decline">
            Decline…
          </button>
        </>
      )}
    </li>
  );
}
