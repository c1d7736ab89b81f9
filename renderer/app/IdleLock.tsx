/**
 * A window whose session ended for going unused: the page it showed stays where it was, under
 * this prompt for the same operator's password; after it, the page is as it was. Someone else
 * may sign in instead (then the window starts over as theirs).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { OperatorRecord } from '../../shared/contract/records';
import { useSession } from './session';
import { ErrorNote } from '../ui/Dialog';

export function IdleLock({ operator }: { operator: OperatorRecord }) {
  const id = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const error = useSession((s) => s.error);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const ok = await useSession.getState().signIn(operator.id, password);
    setBusy(false);
    if (!ok) setPassword('');
  };

  return (
    <div className="overlay idle-lock">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby={id} onSubmit={submit}>
        <h2 id={id}>Signed out for inactivity</h2>
        <p className="muted small">
          This window went unused, so {operator.name} ({operator.id}) was signed out. Enter the password to go on where
          you were.
        </p>
        <label>
          Password
          <input
            ref={input}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        <ErrorNote message={error} />
        <div className="actions">
          <button className="btn primary" type="submit" disabled={busy}>
            Continue as {operator.id}
          </button>
          <button className="btn link" type="button" onClick={() => void useSession.getState().signOut()}>
            Sign in as someone else
          </button>
        </div>
      </form>
    </div>
  );
}
