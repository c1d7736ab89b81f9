/**
 * Every rule set ever in force, oldest first, with who put it in force, when and why. A revert
 * is activating an earlier set again (Supervisor only, with a reason): recorded like any other.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { RuleActivationRecord } from '../../shared/contract/rules';
import type { RulesStore } from './store';
import { formatTime } from '../ui/format';

export function HistoryView({ store }: { store: RulesStore }) {
  const st = useStore(store);
  const [reverting, setReverting] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const supervisor = st.operator?.role === 'Supervisor';
  const last = st.history.length - 1;
  return (
    <section aria-label="Rule sets in force over time">
      <h2>Rules in force over time</h2>
      <p className="rules-muted">
        Each event is checked with the rules in force when it was recorded. The journal keeps each activation as an
        event holding the rules' content and fingerprint.
      </p>
      <table className="rules-table" data-testid="rules-history">
        <thead>
          <tr>
            <th>Rules</th>
            <th>From event</th>
            <th>When</th>
            <th>Who</th>
            <th>Why</th>
            <th>Fingerprint</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {st.history.map((h, i) => (
            <tr key={`${h.key}-${h.activatedAtSeq ?? 'initial'}`}>
              <td>
                <button className="rules-btn" onClick={() => (st.showDiagram(h.key), st.setTab('diagram'))}>
                  {h.ruleSet.name} ({h.key})
                </button>
                {i === last && <strong className="rules-in-force"> in force</strong>}
              </td>
              <td>{h.activatedAtSeq === null ? 'the start' : h.activatedAtSeq + 1}</td>
              <td>{h.activatedAt ? formatTime(h.activatedAt) : 'when the journal was created'}</td>
              <td>{h.activatedBy ? `${h.activatedBy.name ?? h.activatedBy.id} (${h.activatedBy.role})` : '—'}</td>
              <td>{h.reason ?? 'the default rules'}</td>
              <td>
                <code title={h.hash}>{h.hash.slice(0, 12)}…</code>
              </td>
              <td>
                {supervisor && i !== last && h.key !== st.active?.key && (
                  <button className="rules-btn" onClick={() => (setReverting(i), setReason(''))}>
                    Put back in force…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reverting !== null && st.history[reverting] && (
        <Revert
          entry={st.history[reverting]}
          reason={reason}
          setReason={setReason}
          busy={st.activation.busy}
          onConfirm={() => void st.revertTo(st.history[reverting]!, reason).then(() => setReverting(null))}
          onCancel={() => setReverting(null)}
        />
      )}
      {st.activation.error && <div className="rules-banner error">{st.activation.error}</div>}
      {st.activation.done && <div className="rules-banner ok">{st.activation.done}</div>}
    </section>
  );
}

function Revert(props: {
  entry: RuleActivationRecord;
  reason: string;
  setReason: (r: string) => void;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="rules-banner warn">
      <p>
        Put <strong>{props.entry.key}</strong> back in force from the next event on.
      </p>
      <textarea
        aria-label="Why revert (at least 10 characters)"
        rows={2}
        value={props.reason}
        placeholder="Why (at least 10 characters)"
        onChange={(e) => props.setReason(e.target.value)}
      />
      <div className="rules-row">
        <button
          className="rules-btn danger"
          disabled={props.busy || props.reason.trim().length < 10}
          onClick={props.onConfirm}
        >
          Put back in force
        </button>
        <button className="rules-btn" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
