/** The status is offered, not typed: one radio per status, the suggested one first. */
import type { StatusOption } from '../../shared/corrections';
import { s } from './styles';

export interface StatusChoiceProps {
  options: readonly StatusOption[];
  value: string;
  onChange(status: string): void;
  disabled?: boolean;
}

export function StatusChoice({ options, value, onChange, disabled }: StatusChoiceProps) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }} data-testid="status-choice">
      <legend style={s.sectionTitle}>Correct status to</legend>
      {options.map((o) => (
        <label key={o.status} style={s.option(o.status === value)}>
          <input
            type="radio"
            style={s.radio}
            name="correction-status"
            value={o.status}
            checked={o.status === value}
            disabled={disabled}
            onChange={() => onChange(o.status)}
            aria-describedby={`status-note-${o.status}`}
          />
          <span>
            <strong>{o.status}</strong>
            {o.isSuggested && <span style={s.ok}> · suggested</span>}
            {o.isCurrent && <span style={s.muted}> · now</span>}
            <br />
            <span id={`status-note-${o.status}`} style={{ ...s.muted, fontSize: 12 }}>
              {o.note}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
