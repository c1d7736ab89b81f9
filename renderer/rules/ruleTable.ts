/**
 * Editing a copy of a rule set as a table: one row per (from, to) pair, the roles as ticks.
 * Pure, so the editor's behaviour is tested without a browser; the rule set that comes out is
 * checked by the same schema the journal uses before anything is previewed or activated.
 */
import { FLOOR_ROLES } from '../../shared/events/envelope';
import { BEFORE_HOLD, parseRuleSet, transitionRows, type RuleSet } from '../../shared/rules/ruleSet';

export interface RuleRow {
  /** Stable key for React while rows are added and removed. */
  key: string;
  from: string;
  to: string;
  /** `null`: anyone. */
  roles: string[] | null;
}

export interface RuleDraft {
  id: string;
  version: number;
  name: string;
  statuses: string[];
  initial: string;
  final: string[];
  hold: string;
  pickableIn: string[];
  roles: string[];
  rows: RuleRow[];
  notes?: string;
  /** Not edited in the table, but carried through it: editing the transitions keeps the hours. */
  workingHours?: RuleSet['workingHours'];
  flagAfterHours?: boolean;
}

let nextKey = 1;
const key = () => `row-${nextKey++}`;

/**
 * A draft from a rule set, with the version raised past `versionAbove` (the highest version the
 * journal knows of this id): the journal refuses changed rules under a version already used.
 */
export function draftOf(ruleSet: RuleSet, versionAbove = ruleSet.version): RuleDraft {
  const draft: RuleDraft = {
    id: ruleSet.id,
    version: Math.max(ruleSet.version, versionAbove) + 1,
    name: ruleSet.name.endsWith('(edited)') ? ruleSet.name : `${ruleSet.name} (edited)`,
    statuses: [...ruleSet.statuses],
    initial: ruleSet.initial,
    final: [...ruleSet.final],
    hold: ruleSet.hold,
    pickableIn: [...ruleSet.pickableIn],
    roles: [...ruleSet.roles],
    rows: transitionRows(ruleSet).map((r) => ({
      key: key(),
      from: r.from,
      to: r.to,
      roles: r.roles ? [...r.roles] : null,
    })),
  };
  if (ruleSet.notes !== undefined) draft.notes = ruleSet.notes;
  if (ruleSet.workingHours !== undefined) draft.workingHours = ruleSet.workingHours;
  if (ruleSet.flagAfterHours !== undefined) draft.flagAfterHours = ruleSet.flagAfterHours;
  return draft;
}

/** The rule set a draft stands for, or the problems that keep it from being one. */
export function ruleSetOf(draft: RuleDraft): { ok: true; ruleSet: RuleSet } | { ok: false; problems: string[] } {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const r of draft.rows) {
    const k = `${r.from} → ${r.to}`;
    if (seen.has(k)) duplicates.push(`the change ${k} is in the table twice: merge the two rows`);
    seen.add(k);
  }
  const empty = draft.rows
    .map((r, i) =>
      r.roles !== null && r.roles.length === 0
        ? `row ${i + 1} (${r.from} → ${r.to}): tick at least one role, or "anyone"`
        : null,
    )
    .filter((x): x is string => x !== null);
  if (duplicates.length || empty.length) return { ok: false, problems: [...duplicates, ...empty] };
  const value: Record<string, unknown> = {
    id: draft.id,
    version: draft.version,
    name: draft.name,
    statuses: draft.statuses,
    initial: draft.initial,
    final: draft.final,
    hold: draft.hold,
    roles: draft.roles,
    pickableIn: draft.pickableIn,
    transitions: draft.rows.map((r) =>
      r.roles === null ? { from: r.from, to: r.to } : { from: r.from, to: r.to, roles: r.roles },
    ),
  };
  if (draft.notes !== undefined) value.notes = draft.notes;
  if (draft.workingHours !== undefined) value.workingHours = draft.workingHours;
  if (draft.flagAfterHours !== undefined) value.flagAfterHours = draft.flagAfterHours;
  return parseRuleSet(value);
}

export function addRow(draft: RuleDraft): RuleDraft {
  const first = draft.statuses[0] ?? '';
  return { ...draft, rows: [...draft.rows, { key: key(), from: first, to: draft.statuses[1] ?? first, roles: null }] };
}

export function removeRow(draft: RuleDraft, rowKey: string): RuleDraft {
  return { ...draft, rows: draft.rows.filter((r) => r.key !== rowKey) };
}

export function updateRow(draft: RuleDraft, rowKey: string, change: Partial<Omit<RuleRow, 'key'>>): RuleDraft {
  return { ...draft, rows: draft.rows.map((r) => (r.key === rowKey ? { ...r, ...change } : r)) };
}

/** Tick or untick a role on a row; ticking every role is "anyone", unticking from "anyone" lists the rest. */
export function toggleRole(draft: RuleDraft, rowKey: string, role: string): RuleDraft {
  return {
    ...draft,
    rows: draft.rows.map((r) => {
      if (r.key !== rowKey) return r;
      const had = r.roles ?? [...draft.roles];
      const roles = had.includes(role) ? had.filter((x) => x !== role) : [...had, role];
      const everyone = draft.roles.every((x) => roles.includes(x));
      return { ...r, roles: everyone ? null : FLOOR_ROLES.filter((x) => roles.includes(x)) };
    }),
  };
}

/** Whether items may be picked in a status. */
export function togglePickable(draft: RuleDraft, status: string): RuleDraft {
  const on = draft.pickableIn.includes(status);
  return {
    ...draft,
    pickableIn: on
      ? draft.pickableIn.filter((s) => s !== status)
      : draft.statuses.filter((s) => s === status || draft.pickableIn.includes(s)),
  };
}

/** The choices of a row's "to" column: every status, and the release from hold. */
export const targetChoices = (draft: RuleDraft) => [...draft.statuses, BEFORE_HOLD];
