/**
 * Impact preview: what a candidate rule set would flag over the whole recorded history, next
 * to what the rules in force flag over the same history, and the difference both ways.
 *
 * Both are replayed from the events alone with the same `evaluate` the journal uses, each as
 * if it had been in force from the first event on: that is the question the office asks
 * ("what if these had been the rules?"), and it makes the two sides comparable event by event.
 * Office events apply as in the journal (a correction sets the status and is exempt).
 */
import type { AnomalyFinding } from './evaluate';
import { Replayer, tick, type ReplayEvent, type ReplayProgress, type ReplayStep } from './replay';
import type { RuleSet } from './ruleSet';

export interface RuleSetRef {
  id: string;
  version: number;
  name: string;
  /** `${id}@${version}`, as the journal names rule sets. */
  key: string;
}

/** Counts of the anomalies one rule set raises over the history. */
export interface FlagSummary {
  /** Number of anomalies (an event can carry several). */
  total: number;
  /** Number of events with at least one anomaly. */
  flaggedEvents: number;
  byKind: Record<string, number>;
  /** Anomalies of status changes, by "From → To" as the main system made it. */
  byTransition: Record<string, number>;
  /** By who made the event: "id (Role)". */
  byInitiator: Record<string, number>;
}

export interface PreviewExample {
  seq: number;
  eventId: string;
  orderId: string;
  kind: string;
  message: string;
  /** "From → To" for a status change. */
  transition: string | null;
  initiator: string;
  timestamp: string;
}

/** Anomalies one side raises that the other does not, with examples to open. */
export interface FlagDifference extends FlagSummary {
  /** Up to `examplesPerKind` examples of each kind, in journal order. */
  examples: PreviewExample[];
}

export interface PreviewResult {
  ruleSet: RuleSetRef;
  /** Events replayed. */
  events: number;
  /** Everything the candidate flags. */
  flagged: FlagSummary;
  /** Everything the rules in force flag over the same history. */
  current: FlagSummary & { ruleSet: RuleSetRef };
  /** Flagged by the candidate, not by the rules in force: the new alarms. */
  onlyCandidate: FlagDifference;
  /** Flagged by the rules in force, not by the candidate: alarms that would go quiet. */
  onlyCurrent: FlagDifference;
  /** Statuses the history uses that the candidate does not know (every change into one is illegal). */
  unknownStatuses: string[];
  /** The replay was stopped before the end; the counts cover the events replayed. */
  cancelled: boolean;
}

/** Examples kept of each kind of difference, by default. */
export const EXAMPLES_PER_KIND = 5;

export interface PreviewOptions extends ReplayProgress {
  examplesPerKind?: number;
}

export const refOf = (rs: RuleSet): RuleSetRef => ({
  id: rs.id,
  version: rs.version,
  name: rs.name,
  key: `${rs.id}@${rs.version}`,
});

export function emptySummary(): FlagSummary {
  return { total: 0, flaggedEvents: 0, byKind: {}, byTransition: {}, byInitiator: {} };
}

const bump = (table: Record<string, number>, key: string, by = 1) => {
  table[key] = (table[key] ?? 0) + by;
};

export const transitionOf = (step: Pick<ReplayStep, 'event' | 'before'>): string | null =>
  step.event.type === 'StatusChanged'
    ? `${step.before ?? '(none)'} → ${String((step.event.data as { status?: unknown }).status)}`
    : null;

export const initiatorOf = (event: ReplayEvent) => `${event.initiatedBy.id} (${event.initiatedBy.role})`;

/** Add one event's anomalies to a summary. */
export function count(summary: FlagSummary, step: ReplayStep, anomalies: readonly AnomalyFinding[]): void {
  if (anomalies.length === 0) return;
  summary.total += anomalies.length;
  summary.flaggedEvents += 1;
  const transition = transitionOf(step);
  const who = initiatorOf(step.event);
  for (const a of anomalies) {
    bump(summary.byKind, a.kind);
    if (transition) bump(summary.byTransition, transition);
    bump(summary.byInitiator, who);
  }
}

function recordDifference(
  diff: FlagDifference,
  step: ReplayStep,
  anomalies: readonly AnomalyFinding[],
  perKind: Map<string, number>,
  examplesPerKind: number,
): void {
  count(diff, step, anomalies);
  for (const a of anomalies) {
    const shown = perKind.get(a.kind) ?? 0;
    if (shown >= examplesPerKind) continue;
    perKind.set(a.kind, shown + 1);
    diff.examples.push({
      seq: step.event.seq,
      eventId: step.event.eventId,
      orderId: step.event.orderId,
      kind: a.kind,
      message: a.message,
      transition: transitionOf(step),
      initiator: initiatorOf(step.event),
      timestamp: step.event.timestamp,
    });
  }
}

/** Anomalies in `a` whose kind `b` does not raise on the same event. */
const notIn = (a: readonly AnomalyFinding[], b: readonly AnomalyFinding[]) =>
  a.filter((x) => !b.some((y) => y.kind === x.kind));

/**
 * The preview fed one event at a time, so a caller can replay in slices and let other work
 * (a cancel, another request) in between; `previewRuleSet` is the one-go form.
 */
export class RulePreview {
  private readonly cand: Replayer;
  private readonly curr: Replayer;
  private readonly flagged = emptySummary();
  private readonly inForce = emptySummary();
  private readonly onlyCandidate: FlagDifference = { ...emptySummary(), examples: [] };
  private readonly onlyCurrent: FlagDifference = { ...emptySummary(), examples: [] };
  private readonly shownCandidate = new Map<string, number>();
  private readonly shownCurrent = new Map<string, number>();
  private readonly known: ReadonlySet<string>;
  private readonly unknown = new Set<string>();
  private readonly examplesPerKind: number;
  /** Events fed so far. */
  events = 0;

  constructor(
    private readonly candidate: RuleSet,
    private readonly current: RuleSet,
    options: { examplesPerKind?: number } = {},
  ) {
    this.cand = new Replayer(candidate);
    this.curr = new Replayer(current);
    this.known = new Set(candidate.statuses);
    this.examplesPerKind = options.examplesPerKind ?? EXAMPLES_PER_KIND;
  }

  feed(event: ReplayEvent): void {
    const a = this.cand.step(event);
    const b = this.curr.step(event);
    count(this.flagged, a, a.anomalies);
    count(this.inForce, b, b.anomalies);
    const added = notIn(a.anomalies, b.anomalies);
    if (added.length) recordDifference(this.onlyCandidate, a, added, this.shownCandidate, this.examplesPerKind);
    const removed = notIn(b.anomalies, a.anomalies);
    if (removed.length) recordDifference(this.onlyCurrent, b, removed, this.shownCurrent, this.examplesPerKind);
    if (event.type === 'StatusChanged' || event.type === 'StatusCorrected') {
      const s = String((event.data as { status?: unknown }).status);
      if (!this.known.has(s)) this.unknown.add(s);
    }
    this.events += 1;
  }

  result(cancelled = false): PreviewResult {
    return {
      ruleSet: refOf(this.candidate),
      events: this.events,
      flagged: this.flagged,
      current: { ...this.inForce, ruleSet: refOf(this.current) },
      onlyCandidate: this.onlyCandidate,
      onlyCurrent: this.onlyCurrent,
      unknownStatuses: [...this.unknown].sort(),
      cancelled,
    };
  }
}

/**
 * Replay `events` (in journal order) under `candidate` and under `current`, and compare.
 * Streams: holds one state per order, never the history.
 */
export function previewRuleSet(
  events: Iterable<ReplayEvent>,
  candidate: RuleSet,
  current: RuleSet,
  options: PreviewOptions = {},
): PreviewResult {
  const preview = new RulePreview(candidate, current, options);
  let cancelled = false;
  for (const event of events) {
    preview.feed(event);
    if (tick(preview.events, options)) {
      cancelled = true;
      break;
    }
  }
  options.onProgress?.(preview.events);
  return preview.result(cancelled);
}

/**
 * Two previews of the same rule sets over disjoint sets of orders (two parts of one replay, each
 * replaying its own orders) as the one preview of all of them: the counts add up, and each
 * kind's first `examplesPerKind` examples in journal order are the first of both parts' firsts.
 */
export function mergePreview(a: PreviewResult, b: PreviewResult, examplesPerKind = EXAMPLES_PER_KIND): PreviewResult {
  return {
    ruleSet: a.ruleSet,
    events: a.events + b.events,
    flagged: sumSummaries(a.flagged, b.flagged),
    current: { ...sumSummaries(a.current, b.current), ruleSet: a.current.ruleSet },
    onlyCandidate: mergeDifferences(a.onlyCandidate, b.onlyCandidate, examplesPerKind),
    onlyCurrent: mergeDifferences(a.onlyCurrent, b.onlyCurrent, examplesPerKind),
    unknownStatuses: [...new Set([...a.unknownStatuses, ...b.unknownStatuses])].sort(),
    cancelled: a.cancelled || b.cancelled,
  };
}

function sumSummaries(a: FlagSummary, b: FlagSummary): FlagSummary {
  const add = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, n] of Object.entries(y)) bump(out, k, n);
    return out;
  };
  return {
    total: a.total + b.total,
    flaggedEvents: a.flaggedEvents + b.flaggedEvents,
    byKind: add(a.byKind, b.byKind),
    byTransition: add(a.byTransition, b.byTransition),
    byInitiator: add(a.byInitiator, b.byInitiator),
  };
}

function mergeDifferences(a: FlagDifference, b: FlagDifference, examplesPerKind: number): FlagDifference {
  // Stable: an event's examples, all in one part, keep their order.
  const examples = [...a.examples, ...b.examples].sort((x, y) => x.seq - y.seq);
  const shown = new Map<string, number>();
  return {
    ...sumSummaries(a, b),
    examples: examples.filter((e) => {
      const n = shown.get(e.kind) ?? 0;
      shown.set(e.kind, n + 1);
      return n < examplesPerKind;
    }),
  };
}
