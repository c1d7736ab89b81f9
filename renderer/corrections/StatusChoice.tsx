/** The status is offered, not typed: one radio per status, the suggested one first. */
import type { StatusOption } from '../../shared/corrections';
import { classes } from '../ui/classes';

export interface StatusChoiceProps {
  options: readonly StatusOption[];
  value: string;
  onChange(status: string): void;
  disabled?: boolean;
}

export function StatusChoice({ options, value, onChange, disabled }: StatusChoiceProps) {
  return (
    <fieldset className="cx-bare" data-testid="status-choice">
      <legend className="cx-section-title">Correct status to</legend>
      {options.map((o) => (
        <label key={o.status} className={classes('cx-option', o.status === value && 'is-selected')}>
          <input
            type="radio"
            className="cx-radio"
            name="correction-status"
            value={o.status}
            checked={o.status === value}
            disabled={disabled}
            onChange={() => onChange(o.status)}
            aria-describedby={`status-note-${o.status}`}
          />
          <span>
            <strong>{o.status}</strong>
            {o.isSuggested && <span className="cx-ok"> · suggested</span>}
            {o.isCurrent && <span className="cx-muted"> · now</span>}
            <br />
            <span id={`status-note-${o.status}`} className="cx-muted cx-small">
              {o.note}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
