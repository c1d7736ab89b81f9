/**
 * What an impact preview means, in one sentence and one word the page and the confirmation
 * share: a flood of alarms, more alarms, fewer, or the same. Pure.
 */
import type { PreviewResultRecord } from '../../shared/contract/rules';
import { formatCount } from '../ui/format';

/** When the candidate raises this many times the alarms of the rules in force, it is a "flood". */
export const FLOOD_RATIO = 3;

export type VerdictKind = 'flood' | 'more' | 'fewer' | 'same';

export interface PreviewVerdict {
  kind: VerdictKind;
  /** Candidate's anomalies ÷ the rules in force's (Infinity when these flag none). */
  ratio: number;
  headline: string;
  sentence: string;
}

export function previewVerdict(p: PreviewResultRecord): PreviewVerdict {
  const now = p.current.total;
  const then = p.flagged.total;
  const ratio = now === 0 ? (then > 0 ? Infinity : 1) : then / now;
  const times = Number.isFinite(ratio) ? ` (${ratio.toFixed(1)}×)` : '';
  const counts = `${p.ruleSet.key} would flag ${formatCount(then)} anomalies where the rules in force (${p.current.ruleSet.key}) flag ${formatCount(now)}${times}`;
  const partial = p.cancelled ? ` Counted over the first ${formatCount(p.events)} events only.` : '';
  if (p.onlyCandidate.total > 0 && ratio >= FLOOD_RATIO) {
    return {
      kind: 'flood',
      ratio,
      headline: 'A flood of alarms.',
      sentence: `${counts}: ${formatCount(p.onlyCandidate.flaggedEvents)} events that are fine today would be flagged. The office would drown in false alarms.${partial}`,
    };
  }
  if (p.onlyCandidate.total > 0 && then >= now) {
    return {
      kind: 'more',
      ratio,
      headline: 'More alarms.',
      sentence: `${counts}: ${formatCount(p.onlyCandidate.total)} new, ${formatCount(p.onlyCurrent.total)} would go quiet.${partial}`,
    };
  }
  if (p.onlyCandidate.total > 0 || p.onlyCurrent.total > 0) {
    return {
      kind: 'fewer',
      ratio,
      headline: 'Fewer alarms.',
      sentence: `${counts}: ${formatCount(p.onlyCurrent.total)} would go quiet, ${formatCount(p.onlyCandidate.total)} new.${partial}`,
    };
  }
  return { kind: 'same', ratio, headline: 'The same alarms.', sentence: `${counts}: not one differs.${partial}` };
}
