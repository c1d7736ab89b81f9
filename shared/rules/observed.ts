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
  const observer = new TransitionObserver(ruleSet, options);
  let cancelled = false;
  for (const event of events) {
    observer.feed(event);
    if (tick(observer.events, options)) {
      cancelled = true;
      break;
    }
  }
  options.onProgress?.(observer.events);
  return observer.result(cancelled);
}

/** Events of a cell kept to open, by default. */
export const SEQS_PER_CELL = 200;

/** The matrix fed one event at a time, for replays in slices; `observeTransitions` is the one-go form. */
export class TransitionObserver {
  private readonly rules: CompiledRules;
  private readonly replay: Replayer;
  private readonly lo: number;
  private readonly hi: number;
  private readonly seqsPerCell: number;
  private readonly cells = new Map<string, ObservedCell>();
  private transitions = 0;
  /** Events fed so far. */
  events = 0;

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly options: Pick<ObserveOptions, 'from' | 'to' | 'seqsPerCell'> = {},
  ) {
    this.rules = compileRules(ruleSet);
    this.replay = new Replayer(this.rules);
    this.lo = options.from ? instantOf(options.from) : -Infinity;
    this.hi = options.to ? instantOf(options.to) : Infinity;
    if (Number.isNaN(this.lo)) throw new Error(`range start "${options.from}" is not an ISO 8601 time with an offset`);
    if (Number.isNaN(this.hi)) throw new Error(`range end "${options.to}" is not an ISO 8601 time with an offset`);
    this.seqsPerCell = options.seqsPerCell ?? SEQS_PER_CELL;
  }

  feed(event: ReplayEvent): void {
    const step = this.replay.step(event);
    this.events += 1;
    if (event.type !== 'StatusChanged') return;
    if (this.lo !== -Infinity || this.hi !== Infinity) {
      const instant = instantOf(event.timestamp);
      if (!(instant >= this.lo && instant <= this.hi)) return;
    }
    const to = String((event.data as { status?: unknown }).status);
    const key = `${step.before ?? ''}\u0000${to}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = {
        from: step.before,
        to,
        count: 0,
        allowance: allowance(this.rules, step.before, to),
        flagged: 0,
        breaking: 0,
        byRole: {},
        seqs: [],
      };
      this.cells.set(key, cell);
    }
    cell.count += 1;
    this.transitions += 1;
    if (event.anomalies && event.anomalies.length > 0) cell.flagged += 1;
    if (step.anomalies.some((a) => a.kind === 'illegal-transition' || a.kind === 'not-permitted')) {
      cell.breaking += 1;
    }
    cell.byRole[event.initiatedBy.role] = (cell.byRole[event.initiatedBy.role] ?? 0) + 1;
    if (cell.seqs.length < this.seqsPerCell) cell.seqs.push(event.seq);
  }

  result(cancelled = false): ObservedMatrix {
    return matrixOf(this.ruleSet, [...this.cells.values()], {
      transitions: this.transitions,
      events: this.events,
      range: { from: this.options.from ?? null, to: this.options.to ?? null },
      cancelled,
    });
  }
}

/** The matrix of `cells`: its statuses (the rule set's, then the others the cells use, sorted) and its cells in their order. */
function matrixOf(
  ruleSet: RuleSet,
  cells: ObservedCell[],
  rest: Pick<ObservedMatrix, 'transitions' | 'events' | 'range' | 'cancelled'>,
): ObservedMatrix {
  const extra = new Set<string>();
  for (const c of cells) {
    for (const s of [c.from, c.to]) if (s !== null && !ruleSet.statuses.includes(s)) extra.add(s);
  }
  const statuses = [...ruleSet.statuses, ...[...extra].sort()];
  const order = new Map(statuses.map((s, i) => [s, i]));
  const rank = (s: string | null) => (s === null ? -1 : (order.get(s) ?? statuses.length));
  return {
    ruleSet: { id: ruleSet.id, version: ruleSet.version, key: `${ruleSet.id}@${ruleSet.version}` },
    statuses,
    cells: cells.sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to)),
    ...rest,
  };
}

/**
 * Two matrices of the same rule set and range over disjoint sets of orders (two parts of one
 * scan, each replaying its own orders) as the one matrix of all of them: every order's changes
 * are counted in its own part, so cells add up, and a cell's first `seqsPerCell` events are the
 * first of both parts' firsts.
 */
export function mergeObserved(
  ruleSet: RuleSet,
  a: ObservedMatrix,
  b: ObservedMatrix,
  seqsPerCell = SEQS_PER_CELL,
): ObservedMatrix {
  const cells = new Map<string, ObservedCell>();
  for (const c of [...a.cells, ...b.cells]) {
    const key = `${c.from ?? ''}\u0000${c.to}`;
    const have = cells.get(key);
    if (!have) {
      cells.set(key, { ...c, byRole: { ...c.byRole }, seqs: [...c.seqs] });
      continue;
    }
    have.count += c.count;
    have.flagged += c.flagged;
    have.breaking += c.breaking;
    for (const [role, n] of Object.entries(c.byRole)) have.byRole[role] = (have.byRole[role] ?? 0) + n;
    have.seqs = [...have.seqs, ...c.seqs].sort((x, y) => x - y).slice(0, seqsPerCell);
  }
  return matrixOf(ruleSet, [...cells.values()], {
    transitions: a.transitions + b.transitions,
    events: a.events + b.events,
    range: a.range,
    cancelled: a.cancelled || b.cancelled,
  });
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
