/**
 * Sign-in, for Supervisors: how long a window may go unused before it asks for the password
 * again, and the sign-in attempts the journal kept (wrong passwords, attempts refused while an
 * operator waited or was locked, and sign-ins), newest first.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { IDLE_MINUTES_DEFAULT } from '../../shared/contract/constants';
import type { SignInAttemptRecord, SignInOutcome } from '../../shared/contract/signIn';
import { ledger, messageOf } from '../app/ledger';
import { toast } from '../app/toasts';
import { EmptyState, ErrorNote } from '../ui/Dialog';
import { formatTime } from '../ui/format';

const OUTCOME: Record<SignInOutcome, string> = {
  ok: 'signed in',
  'wrong-password': 'wrong password',
  'too-soon': 'refused: too soon after wrong passwords',
  locked: 'refused: locked',
};

export function SignInSection({ supervisor }: { supervisor: boolean }) {
  const [minutes, setMinutes] = useState(String(IDLE_MINUTES_DEFAULT));
  const [saved, setSaved] = useState<number | null>(null);
  const [attempts, setAttempts] = useState<SignInAttemptRecord[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    ledger()
      .getSettings({})
      .then(
        (s) => {
          setMinutes(String(s.idleMinutes));
          setSaved(s.idleMinutes);
        },
        (e: unknown) => setError(messageOf(e)),
      );
    if (supervisor) {
      ledger()
        .signInAttempts({ limit: 200 })
        .then(setAttempts, (e: unknown) => setError(messageOf(e)));
    }
  }, [supervisor]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const s = await ledger().setSettings({ idleMinutes: Number(minutes) });
      setSaved(s.idleMinutes);
      toast('ok', `A window unused for ${s.idleMinutes} minutes now asks for the password again.`);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const refused = attempts.filter((a) => a.outcome !== 'ok');
  return (
    <section className="card settings" aria-labelledby="signin-settings-title">
      <h2 id="signin-settings-title">Sign-in</h2>
      <form onSubmit={save} aria-label="Idle time">
        <label className="inline">
          Ask for the password again after
          <input
            type="number"
            min={1}
            max={480}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            disabled={!supervisor}
            aria-label="Minutes a window may go unused"
          />
          minutes without use
        </label>
        <button className="btn" type="submit" disabled={!supervisor || Number(minutes) === saved}>
          Save
        </button>
      </form>
      <p className="muted small">
        After 5 wrong passwords in a row each attempt must wait longer; after 10 the operator is locked for 15 minutes.
      </p>
      <ErrorNote message={error} />
      {supervisor &&
        (refused.length === 0 ? (
          <EmptyState title="No failed sign-in attempts." />
        ) : (
          <table className="table" aria-label="Failed sign-in attempts">
            <thead>
              <tr>
                <th>When</th>
                <th>Operator ID</th>
                <th>What happened</th>
                <th>Window</th>
              </tr>
            </thead>
            <tbody>
              {refused.map((a) => (
                <tr key={a.id}>
                  <td className="mono small">{formatTime(a.at)}</td>
                  <td>{a.operatorId}</td>
                  <td>
                    {OUTCOME[a.outcome]}
                    {a.lockedUntil ? `, locked until ${formatTime(a.lockedUntil)}` : ''}
                  </td>
                  <td className="mono small">{a.session}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
