/** The reason: required, at least ten characters, with the office's common reasons to pick and finish. */
import { MIN_REASON_LENGTH, validateReason } from '../../shared/corrections';

export interface ReasonFieldProps {
  value: string;
  onChange(reason: string): void;
  suggestions: readonly string[];
  disabled?: boolean;
  /** What the reason must say: a dismissal says why the flag is a false alarm. */
  question?: string;
}

export function ReasonField({ value, onChange, suggestions, disabled, question }: ReasonFieldProps) {
  const check = validateReason(value);
  const length = value.trim().length;
  return (
    <div data-testid="reason-field">
      <label htmlFor="correction-reason" className="cx-section-title cx-block-label">
        Reason (required){question ? `: ${question}` : ''}
      </label>
      <div className="cx-chips">
        {suggestions.map((r) => (
          <button key={r} type="button" className="cx-chip" disabled={disabled} onClick={() => onChange(r)}>
            {r}
          </button>
        ))}
      </div>
      <textarea
        id="correction-reason"
        className="cx-textarea"
        value={value}
        disabled={disabled}
        placeholder={`Say why, at least ${MIN_REASON_LENGTH} characters: what was found, where, by whom.`}
        onChange={(e) => onChange(e.target.value)}
      />
      <div className={check.ok ? 'cx-small cx-muted' : 'cx-small cx-danger'}>
        {check.ok ? `${length} characters` : length === 0 ? check.message : `${check.message}`}
      </div>
    </div>
  );
}
