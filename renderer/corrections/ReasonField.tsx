/** The reason: required, at least ten characters, with the office's common reasons to pick and finish. */
import { MIN_REASON_LENGTH, validateReason } from '../../shared/corrections';
import { s } from './styles';

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
      <label htmlFor="correction-reason" style={{ ...s.sectionTitle, display: 'block' }}>
        Reason (required){question ? `: ${question}` : ''}
      </label>
      <div style={s.chips}>
        {suggestions.map((r) => (
          <button key={r} type="button" style={s.chip} disabled={disabled} onClick={() => onChange(r)}>
            {r}
          </button>
        ))}
      </div>
      <textarea
        id="correction-reason"
        style={s.textarea}
        value={value}
        disabled={disabled}
        placeholder={`Say why, at least ${MIN_REASON_LENGTH} characters: what was found, where, by whom.`}
        onChange={(e) => onChange(e.target.value)}
      />
      <div style={{ fontSize: 12, ...(check.ok ? s.muted : s.danger) }}>
        {check.ok ? `${length} characters` : length === 0 ? check.message : `${check.message}`}
      </div>
    </div>
  );
}
