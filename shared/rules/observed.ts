/**
 * Observed transitions: the from → to matrix of the status changes the journal actually holds,
 * so the office sees the shortcuts people really take before it enforces anything. Each cell
 * says how often it happened, whether the rule set allows it, and how many of those events the
 * journal flagged when it recorded them.
 */
import { instantOf } from '../events/envelope';
import { Replayer, tick, type ReplayEvent, type ReplayProgress } from './replay';
import { compileRules, type CompiledRules, type RuleSet } from './ruleSet';

/** Whether a rule set allows a cell: for everyone, for some roles only, or not at all. */
export type CellAllowance = 'anyone' | 'some-roles' | 'no';

export interface ObservedCell {
  /** `null`: the order had no status yet (a change for an order never created). */
  from: string | null;
  to: string;
  count: number;
  allowance: CellAllowance;
  /** Events of this cell the journal flagged when it recorded them (any kind). */
  flagged: number;
  /**
   * Events of this cell this rule set calls illegal or not permitted (a release from hold is
   * legal only back to where the order was held from, so an allowed cell can still hold some).
   */
  breaking: number;
  /** How many of the cell's events each role made. */
  byRole: Record<string, number>;
  /** The first `seqsPerCell` events of the cell, to open them. */
  seqs: number[];
}

export interface ObservedMatrix {
  ruleSet: { id: string; version: number; key: string };
  /** Row and column order: the rule set's statuses, then any others the history uses. */
  statuses: string[];
  cells: ObservedCell[];
  /** Status changes counted (within the range). */
  transitions: number;
  /** Events read (the whole history is replayed to know each order's status, whatever the range). */
  events: number;
  range: { from: string | null; to: string | null };
  cancelled: boolean;
}

export interface ObserveOptions extends ReplayProgress {
  /** ISO times, inclusive, compared as instants: only changes stamped within are counted. */
  from?: string;
  to?: string;
  seqsPerCell?: number;
}

/**
 * Count status changes by (status before, status after), replaying the order states in
 * journal order. Corrections are not counted (they are the office putting things right, not
 * the floor's habits) but they do move the order, as in the journal.
 */
export function observeTransitions(
  events: Iterable<ReplayEvent>,
  ruleSet: RuleSet,
  options: ObserveOptions = {},
): ObservedMatrix {
  const rules = compileRules(ruleSet);
  const replay = new Replayer(rules);
  const lo = options.from ? instantOf(options.from) : -Infinity;
  const hi = options.to ? instantOf(options.to) : Infinity;
  if (Number.isNaN(lo)) throw new Error(`range start "${options.from}" is not an ISO 8601 time with an offset`);
  if (Number.isNaN(hi)) throw new Error(`range end "${options.to}" is not an ISO 8601 time with an offset`);
  const seqsPerCell = options.seqsPerCell ?? 200;
  const cells = new Map<string, ObservedCell>();
  let transitions = 0;
  let n = 0;
  let cancelled = false;

  for (const event of events) {
    const step = replay.step(event);
    n += 1;
    if (event.type === 'StatusChanged') {
      const instant = instantOf(event.timestamp);
      if (instant >= lo && instant <= hi) {
        const to = String((event.data as { status?: unknown }).status);
        const key = `${step.before ?? ''}\u0000${to}`;
        let cell = cells.get(key);
        if (!cell) {
          cell = {
            from: step.before,
            to,
            count: 0,
            allowance: allowance(rules, step.before, to),
            flagged: 0,
            breaking: 0,
            byRole: {},
            seqs: [],
          };
          cells.set(key, cell);
        }
        cell.count += 1;
        transitions += 1;
        if (event.anomalies && event.anomalies.length > 0) cell.flagged += 1;
        if (step.anomalies.some((a) => a.kind === 'illegal-transition' || a.kind === 'not-permitted')) {
          cell.breaking += 1;
        }
        cell.byRole[event.initiatedBy.role] = (cell.byRole[event.initiatedBy.role] ?? 0) + 1;
        if (cell.seqs.length < seqsPerCell) cell.seqs.push(event.seq);
      }
    }
    if (tick(n, options)) {
      cancelled = true;
      break;
    }
  }
  options.onProgress?.(n);

  const extra = new Set<string>();
  for (const c of cells.values()) {
    for (const s of [c.from, c.to]) if (s !== null && !ruleSet.statuses.includes(s)) extra.add(s);
  }
  const statuses = [...ruleSet.statuses, ...[...extra].sort()];
  const order = new Map(statuses.map((s, i) => [s, i]));
  const rank = (s: string | null) => (s === null ? -1 : (order.get(s) ?? statuses.length));
  return {
    ruleSet: { id: ruleSet.id, version: ruleSet.version, key: `${ruleSet.id}@${ruleSet.version}` },
    statuses,
    cells: [...cells.values()].sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to)),
    transitions,
    events: n,
    range: { from: options.from ?? null, to: options.to ?? null },
    cancelled,
  };
}

/**
 * Whether the rule set allows from → to for someone. Out of hold, a release counts as allowed
 * here (it is, when the order was held from `to`); `breaking` tells the events where it was not.
 */
function allowance(rules: CompiledRules, from: string | null, to: string): CellAllowance {
  if (from === null) return 'no';
  const who = rules.whoMay(from, to, from === rules.hold ? to : null);
  if (who === undefined) return 'no';
  return who === null ? 'anyone' : 'some-roles';
}
