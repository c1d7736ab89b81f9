/**
 * A Supervisor's actions on one operator of Settings > Operators: disable (they can no longer
 * sign in; their windows are signed out) and reset the password. Each asks why, because each is
 * an office event in the journal with the Supervisor's name and the reason.
 */
import { useState } from 'react';
import type { OperatorRecord } from '../../shared/contract/records';
import { ledger, messageOf } from '../app/ledger';
import { toast } from '../app/toasts';
import {
  MIN_PASSWORD_LENGTH,
  MIN_REASON_LENGTH,
  mayDisable,
  passwordReady,
  reasonReady,
  type OfficeOperator,
} from '../../shared/corrections';

export function OperatorActions({
  operator,
  self,
  onChanged,
}: {
  operator: OperatorRecord;
  /** The signed-in Supervisor, whom decide asks which actions to offer. */
  self: OfficeOperator;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState<'disable' | 'reset' | null>(null);
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (operator.disabled) return <span className="muted small">Disabled</span>;

  const close = () => {
    setOpen(null);
    setReason('');
    setPassword('');
    setError(null);
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      if (open === 'disable') {
        await ledger().disableOperator({ operatorId: operator.id, reason });
        toast('ok', `${operator.name} can no longer sign in; their windows are signed out.`);
      } else {
        await ledger().resetPassword({ operatorId: operator.id, password, reason });
        toast('ok', `${operator.name}’s password is reset: give them the new one in person.`);
      }
      close();
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const ready = reasonReady(reason) && (open !== 'reset' || passwordReady(password));

  if (open === null) {
    return (
      <>
        <button type="button" className="btn small ghost" onClick={() => setOpen('reset')}>
          Reset password…
        </button>
        {mayDisable(self, operator) && (
          <button type="button" className="btn small ghost" onClick={() => setOpen('disable')}>
            Disable…
          </button>
        )}
      </>
    );
  }
  return (
    <div
      className="operator-action"
      aria-label={open === 'disable' ? `Disable ${operator.id}` : `Reset ${operator.id}`}
    >
      {open === 'reset' && (
        <label>
          New password (at least {MIN_PASSWORD_LENGTH} characters)
          <input
            type="password"
            value={password}
            autoComplete="new-password"
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      )}
      <label>
        Why? (at least {MIN_REASON_LENGTH} characters)
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="button" className="btn small" disabled={busy || !ready} onClick={() => void run()}>
        {open === 'disable' ? `Disable ${operator.id}` : 'Set the new password'}
      </button>
      <button type="button" className="btn small ghost" disabled={busy} onClick={close}>
        Cancel
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
