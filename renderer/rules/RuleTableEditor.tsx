/** Editing a copy of the rules in force as a table: from, to, and who may (ticks). */
import { FLOOR_ROLES } from '../../shared/events/envelope';
import { BEFORE_HOLD } from '../../shared/rules/ruleSet';
import { addRow, removeRow, targetChoices, toggleRole, togglePickable, updateRow, type RuleDraft } from './ruleTable';

export function RuleTableEditor({ draft, onChange }: { draft: RuleDraft; onChange: (d: RuleDraft) => void }) {
  return (
    <div data-testid="rules-table-editor">
      <div className="rules-row">
        <label>
          Name{' '}
          <input
            type="text"
            size={40}
            value={draft.name}
            onChange={(e) => onChange({ ...draft, name: e.target.value })}
          />
        </label>
        <span className="rules-muted">
          {draft.id}@{draft.version} (a new version: the journal keeps every version it has seen)
        </span>
      </div>
      <div className="rules-row">
        Items may be picked in:
        {draft.statuses.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={draft.pickableIn.includes(s)}
              onChange={() => onChange(togglePickable(draft, s))}
            />{' '}
            {s}
          </label>
        ))}
      </div>
      <table className="rules-table">
        <thead>
          <tr>
            <th>From</th>
            <th>To</th>
            {FLOOR_ROLES.map((r) => (
              <th key={r}>{r}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {draft.rows.map((row) => (
            <tr key={row.key}>
              <td>
                <select
                  aria-label="from"
                  value={row.from}
                  onChange={(e) => onChange(updateRow(draft, row.key, { from: e.target.value }))}
                >
                  {draft.statuses.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label="to"
                  value={row.to}
                  onChange={(e) => onChange(updateRow(draft, row.key, { to: e.target.value }))}
                >
                  {targetChoices(draft).map((s) => (
                    <option key={s} value={s}>
                      {s === BEFORE_HOLD ? 'back to the status before hold' : s}
                    </option>
                  ))}
                </select>
              </td>
              {FLOOR_ROLES.map((r) => (
                <td key={r}>
                  <input
                    type="checkbox"
                    aria-label={`${r} may`}
                    checked={row.roles === null || row.roles.includes(r)}
                    onChange={() => onChange(toggleRole(draft, row.key, r))}
                  />
                </td>
              ))}
              <td>
                <button
                  className="rules-btn"
                  aria-label="remove this row"
                  onClick={() => onChange(removeRow(draft, row.key))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button className="rules-btn" onClick={() => onChange(addRow(draft))}>
        Add a change
      </button>
    </div>
  );
}
