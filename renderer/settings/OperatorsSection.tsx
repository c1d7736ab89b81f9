/**
 * The journal's operators, and (for a Supervisor) the form that adds one: how the office gives a
 * new recruit a Trainee sign-in, or a Clerk theirs, without the command line.
 */
import { useState, type FormEvent } from 'react';
import type { OperatorRecord } from '../../shared/contract/records';
import { OPERATOR_ROLES } from '../../shared/events/envelope';
import { ledger, messageOf } from '../app/ledger';
import { toast } from '../app/toasts';
import { ErrorNote } from '../ui/Dialog';
import { useSession } from '../app/session';
import { queryClient, useLedgerQuery } from '../app/queries';
import { OperatorActions } from './OperatorActions';
import { MIN_PASSWORD_LENGTH, passwordReady } from '../../shared/corrections';

export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export interface OperatorDraft {
  id: string;
  name: string;
  role: OperatorRole;
  password: string;
}

/** What the role lets the operator do, in one line (shown beside the choice). */
export const ROLE_NOTE: Record<OperatorRole, string> = {
  Supervisor: 'Corrects statuses, dismisses flags, exports, and sees every trainee’s progress.',
  Clerk: 'Browses the journal and practises in training; cannot correct the real journal.',
  Trainee: 'Signs in to training only: practises on handbook cases, never the real journal.',
};

/** Why the draft cannot be sent yet, one sentence each (the journal checks again). */
export function operatorDraftProblems(d: OperatorDraft, existing: readonly OperatorRecord[]): string[] {
  const problems: string[] = [];
  const id = d.id.trim();
  if (!id) problems.push('Give an operator ID.');
  else if (id.length > 64) problems.push('The operator ID is at most 64 characters.');
  else if (existing.some((o) => o.id === id)) problems.push(`There is already an operator with the ID "${id}".`);
  if (!d.name.trim()) problems.push('Give the full name.');
  if (!passwordReady(d.password)) problems.push(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  return problems;
}

const EMPTY: OperatorDraft = { id: '', name: '', role: 'Trainee', password: '' };

const NO_OPERATORS: OperatorRecord[] = [];

export function OperatorsSection({ supervisor }: { supervisor: boolean }) {
  const listed = useLedgerQuery('listOperators', {});
  const operators = listed.data ?? NO_OPERATORS;
  const [draft, setDraft] = useState<OperatorDraft>(EMPTY);
  const [failure, setError] = useState<string | null>(null);
  const error = failure ?? (listed.error ? messageOf(listed.error) : null);
  const [busy, setBusy] = useState(false);
  const self = useSession((s) => s.session?.operator);

  // Adding an operator writes no event (so no push): the list is asked again here.
  const reload = () => queryClient.invalidateQueries({ queryKey: ['listOperators'] });

  const problems = operatorDraftProblems(draft, operators);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const added = await ledger().addOperator({
        id: draft.id.trim(),
        name: draft.name.trim(),
        role: draft.role,
        password: draft.password,
      });
      toast('ok', `${added.name} (${added.role}) can now sign in as “${added.id}”.`);
      setDraft(EMPTY);
      await reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const set = (patch: Partial<OperatorDraft>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <section className="card settings" aria-labelledby="operators-title">
      <h2 id="operators-title">Operators</h2>
      <table className="operators" aria-label="Operators">
        <thead>
          <tr>
            <th>ID</th>
            <th>Name</th>
            <th>Role</th>
            {supervisor && <th>Actions</th>}
          </tr>
        </thead>
        <tbody>
          {operators.map((o) => (
            <tr key={o.id}>
              <td className="mono">{o.id}</td>
              <td>{o.name}</td>
              <td>{o.role}</td>
              {supervisor && self && (
                <td>
                  <OperatorActions operator={o} self={self} onChanged={() => void reload()} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {supervisor ? (
        <form className="operator-form" onSubmit={add} aria-label="Add an operator">
          <h3>Add an operator</h3>
          <div className="operator-fields">
            <label>
              Operator ID
              <input value={draft.id} onChange={(e) => set({ id: e.target.value })} autoComplete="off" />
            </label>
            <label>
              Full name
              <input value={draft.name} onChange={(e) => set({ name: e.target.value })} autoComplete="off" />
            </label>
            <label>
              Role
              <select value={draft.role} onChange={(e) => set({ role: e.target.value as OperatorRole })}>
                {OPERATOR_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Password
              <input
                type="password"
                value={draft.password}
                onChange={(e) => set({ password: e.target.value })}
                autoComplete="new-password"
              />
            </label>
          </div>
          <p className="muted small">{ROLE_NOTE[draft.role]}</p>
          <div className="actions">
            <button
              className="btn primary"
              type="submit"
              disabled={busy || problems.length > 0}
              title={problems.join(' ') || undefined}
            >
              Add operator
            </button>
            {problems.length > 0 && (draft.id || draft.name || draft.password) ? (
              <span className="muted small">{problems[0]}</span>
            ) : null}
          </div>
          <ErrorNote message={error} />
        </form>
      ) : (
        <p className="muted small">Only a Supervisor may add operators.</p>
      )}
    </section>
  );
}
