/**
 * Every rule set ever in force, oldest first, with who put it in force, when and why. A revert
 * is activating an earlier set again (Supervisor only, with a reason): "Put back in force…"
 * previews it against the history first and asks to confirm with the verdict, like any activation.
 */
import { useStore } from 'zustand';
import type { RulesStore } from './store';
import { formatTime } from '../ui/format';

export function HistoryView({ store }: { store: RulesStore }) {
  const st = useStore(store);
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
                  <button className="rules-btn" onClick={() => void st.putBack(h)}>
                    Put back in force…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {st.activation.error && <div className="rules-banner error">{st.activation.error}</div>}
      {st.activation.done && <div className="rules-banner ok">{st.activation.done}</div>}
    </section>
  );
}
