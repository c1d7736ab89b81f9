/**
 * The state machine of a rule set as a drawing's model: statuses as nodes, allowed changes as
 * arrows with the roles on each. Pure data, so the handbook page, the tests and any printout
 * agree on what the rule set says before anyone lays it out.
 */
import { FLOOR_ROLES } from '../events/envelope';
import { BEFORE_HOLD, transitionRows, type RuleSet } from './ruleSet';

export type DiagramNodeKind = 'initial' | 'final' | 'hold' | 'status';

export interface DiagramNode {
  /** The status name (unique within a rule set). */
  id: string;
  label: string;
  kind: DiagramNodeKind;
  /** Whether items may be picked in this status (drawn as a marker). */
  pickable: boolean;
}

export interface DiagramEdge {
  /** `from→to`, or `from→to (release)` for a release from hold. */
  id: string;
  from: string;
  to: string;
  /** Roles that may make the change; `null` means every role. */
  roles: readonly string[] | null;
  /** The roles as printed on the arrow: "anyone" or "TeamLead, Supervisor". */
  rolesLabel: string;
  /**
   * Drawn from a `$beforeHold` row: the order may only take this arrow when it was put on hold
   * from `to`. A rule set may also allow the same pair directly; that is a separate edge.
   */
  release: boolean;
  /** The whole label: the roles, and for a release "back to the status before hold". */
  label: string;
}

export interface DiagramModel {
  ruleSetId: string;
  version: number;
  name: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export const RELEASE_LABEL = 'back to the status before hold';

/** Roles in the order the handbook lists them, so labels read the same on every page. */
const ROLE_ORDER = new Map<string, number>(FLOOR_ROLES.map((r, i) => [r, i]));
const byRoleOrder = (a: string, b: string) => (ROLE_ORDER.get(a) ?? 99) - (ROLE_ORDER.get(b) ?? 99);

export function rolesLabel(roles: readonly string[] | null, allRoles: readonly string[]): string {
  if (roles === null) return 'anyone';
  // A row that lists every role of the rule set is "anyone" too, and should read so.
  if (allRoles.every((r) => roles.includes(r))) return 'anyone';
  return [...roles].sort(byRoleOrder).join(', ');
}

/**
 * The statuses a `$beforeHold` release can lead back to: every status from which some row
 * allows going on hold. Those are the only places an order on hold can have come from.
 */
export function holdableStatuses(ruleSet: RuleSet): string[] {
  const from = new Set<string>();
  for (const row of transitionRows(ruleSet)) {
    if (row.to === ruleSet.hold && row.from !== ruleSet.hold) from.add(row.from);
  }
  // Keep the rule set's own order of statuses: it is the order the floor walks them.
  return ruleSet.statuses.filter((s) => from.has(s));
}

/** Nodes and edges of a rule set: one edge per (from, to), roles merged as `compileRules` merges them. */
export function diagramModel(ruleSet: RuleSet): DiagramModel {
  const final = new Set(ruleSet.final);
  const pickable = new Set(ruleSet.pickableIn);
  const nodes: DiagramNode[] = ruleSet.statuses.map((s) => ({
    id: s,
    label: s,
    kind: s === ruleSet.initial ? 'initial' : final.has(s) ? 'final' : s === ruleSet.hold ? 'hold' : 'status',
    pickable: pickable.has(s),
  }));

  // Merge rows with the same (from, to, release): union of roles, `null` (anyone) wins.
  const merged = new Map<string, { from: string; to: string; release: boolean; roles: Set<string> | null }>();
  const add = (from: string, to: string, release: boolean, roles: readonly string[] | null) => {
    const key = `${from}\u0000${to}\u0000${release ? 1 : 0}`;
    const had = merged.get(key);
    if (!had) merged.set(key, { from, to, release, roles: roles === null ? null : new Set(roles) });
    else if (had.roles !== null) had.roles = roles === null ? null : new Set([...had.roles, ...roles]);
  };
  const holdable = holdableStatuses(ruleSet);
  for (const row of transitionRows(ruleSet)) {
    if (row.to === BEFORE_HOLD) {
      for (const back of holdable) add(row.from, back, true, row.roles);
    } else {
      add(row.from, row.to, false, row.roles);
    }
  }

  const edges: DiagramEdge[] = [...merged.values()].map((m) => {
    const roles = m.roles === null ? null : [...m.roles].sort(byRoleOrder);
    const who = rolesLabel(roles, ruleSet.roles);
    return {
      id: `${m.from}→${m.to}${m.release ? ' (release)' : ''}`,
      from: m.from,
      to: m.to,
      roles,
      rolesLabel: who,
      release: m.release,
      label: m.release ? `${RELEASE_LABEL}: ${who}` : who,
    };
  });
  return { ruleSetId: ruleSet.id, version: ruleSet.version, name: ruleSet.name, nodes, edges };
}
