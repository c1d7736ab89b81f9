/**
 * Opened on an order, the form says which open flag the correction resolves: the latest error by
 * default, a choice where there are several, or none (then every flag stays open, and it says so).
 */
import type { HistoryItem } from '../../shared/corrections';
import { openAnomalies } from '../../shared/corrections';
import { anomalyName } from '../../shared/rules/anomalyNames';

export interface FlagChoiceProps {
  choices: readonly HistoryItem[];
  value: number | null;
  onChange(seq: number | null): void;
  disabled?: boolean;
}

export function flagLabel(item: HistoryItem): string {
  const kinds = openAnomalies(item).map((a) => `${anomalyName(a.kind)} (${a.severity})`);
  return `Event #${item.seq}, ${item.type}: ${kinds.join(', ')}`;
}

export function FlagChoice({ choices, value, onChange, disabled }: FlagChoiceProps) {
  if (choices.length === 0) return null;
  return (
    <div className="cx-mb10" data-testid="flag-choice">
      <label htmlFor="correction-flag" className="cx-section-title">
        Resolves the flag on
      </label>
      <select
        id="correction-flag"
        value={value === null ? '' : String(value)}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        className="cx-block cx-mt4"
      >
        {[...choices].reverse().map((item) => (
          <option key={item.seq} value={String(item.seq)}>
            {flagLabel(item)}
          </option>
        ))}
        <option value="">No flag: set the status only (every flag stays open)</option>
      </select>
    </div>
  );
}
