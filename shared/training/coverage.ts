/**
 * What a scenario trains, computed from its history rather than written by hand: replaying the
 * history with the same `evaluate` the journal uses says which rows of the rule set's table
 * the events went through and which anomaly kinds they raised. A hand-written list could drift
 * from the case; this cannot.
 */
import { instantOf } from '../events/envelope';
import { ANOMALY_KINDS, OPT_IN_KINDS, evaluate, type AnomalyKind } from '../rules/evaluate';
import type { OrderState } from '../orders/orderState';
import {
  BEFORE_HOLD,
  compileRules,
  transitionRows,
  type CompiledRules,
  type RuleSet,
  type TransitionRow,
} from '../rules/ruleSet';
import type { Scenario } from './scenario';

/** A row of the transition table as the handbook writes it: `Packed→Shipped`, `OnHold→$beforeHold`. */
export const rowKey = (row: Pick<TransitionRow, 'from' | 'to'>): string => `${row.from}→${row.to}`;

/** One event of the replayed history, with what it did under the rules. */
export interface ReplayedEvent {
  eventId: string;
  type: string;
  before: string | null;
  after: string | null;
  /** The rows of the table this status change went through (empty for illegal changes and other events). */
  rows: string[];
  /** For a status change, `from→to` as it happened, allowed or not. */
  change: string | null;
  kinds: AnomalyKind[];
  messages: string[];
}

export interface ScenarioCoverage {
  scenarioId: string;
  /** Rows exercised anywhere in the history, in table order. */
  rows: string[];
  /** Anomaly kinds flagged anywhere in the history, in the handbook's order. */
  kinds: AnomalyKind[];
  /** What the case is about: the expected event's rows and kinds (for "no correction needed": the restricted rows it walks). */
  focus: { rows: string[]; kinds: AnomalyKind[]; change: string | null };
  events: ReplayedEvent[];
}

/** Rows a status change from `state` to `to` goes through (allowed for some role, or it would match none). */
function rowsOf(state: OrderState, to: string, table: readonly TransitionRow[], rules: CompiledRules): string[] {
  const from = state.status;
  if (from === null) return [];
  return table
    .filter(
      (row) =>
        row.from === from &&
        (row.to === to || (row.to === BEFORE_HOLD && from === rules.hold && to === state.beforeHold)),
    )
    .map(rowKey);
}

/** Replay a scenario's history and say what it exercised. */
export function scenarioCoverage(scenario: Scenario, ruleSet: RuleSet | CompiledRules): ScenarioCoverage {
  const rules = 'whoMay' in ruleSet ? ruleSet : compileRules(ruleSet);
  const table = transitionRows(rules.ruleSet);
  let state: OrderState | undefined;
  const events: ReplayedEvent[] = [];
  for (const event of scenario.history) {
    const r = evaluate(state, event, rules, instantOf(event.timestamp));
    const kinds = r.anomalies.map((a) => a.kind);
    // An event after a final status or before the order exists goes through no row, whatever it says.
    const counts = event.type === 'StatusChanged' && state?.created === true && !kinds.some((k) => k === 'after-final');
    events.push({
      eventId: event.eventId,
      type: event.type,
      before: state?.status ?? null,
      after: r.next.status,
      rows: counts && state ? rowsOf(state, String(event.data['status']), table, rules) : [],
      change: event.type === 'StatusChanged' ? `${state?.status ?? '(none)'}→${String(event.data['status'])}` : null,
      kinds,
      messages: r.anomalies.map((a) => a.message),
    });
    state = r.next;
  }
  const tableOrder = table.map(rowKey);
  const rowSet = new Set(events.flatMap((e) => e.rows));
  const kindSet = new Set(events.flatMap((e) => e.kinds));
  const rows = [...new Set(tableOrder)].filter((k) => rowSet.has(k));
  const kinds = ANOMALY_KINDS.filter((k) => kindSet.has(k));

  const expected = scenario.expected;
  let focus: ScenarioCoverage['focus'];
  if (expected.action === 'none') {
    // A "nothing to correct" case teaches the rows only some roles may use (hold, release, cancel).
    const restricted = new Set(table.filter((r) => r.roles !== null).map(rowKey));
    const r = rows.filter((k) => restricted.has(k));
    focus = { rows: r.length ? r : rows, kinds: [], change: null };
  } else {
    const target = events.find((e) => e.eventId === expected.eventId);
    focus = { rows: target?.rows ?? [], kinds: target?.kinds ?? [], change: target?.change ?? null };
  }
  return { scenarioId: scenario.id, rows, kinds, focus, events };
}

export interface CoverageReport {
  ruleSet: string;
  /** Every row of the rule set with the scenarios that exercise it. */
  rows: { row: string; scenarios: string[] }[];
  kinds: { kind: AnomalyKind; scenarios: string[] }[];
  /** What the rule set has and no scenario covers. */
  missingRows: string[];
  missingKinds: AnomalyKind[];
  ok: boolean;
}

/** Check a set of scenarios against a rule set: every row and every anomaly kind needs a case. */
export function coverageReport(scenarios: readonly Scenario[], ruleSet: RuleSet): CoverageReport {
  const rules = compileRules(ruleSet);
  const all = scenarios.map((s) => scenarioCoverage(s, rules));
  const keys = [...new Set(transitionRows(ruleSet).map(rowKey))];
  const rows = keys.map((row) => ({
    row,
    scenarios: all.filter((c) => c.rows.includes(row)).map((c) => c.scenarioId),
  }));
  // A kind the rule set does not opt into can never be flagged under it: no case is asked for.
  const flaggable = ANOMALY_KINDS.filter((k) => !OPT_IN_KINDS.has(k) || rules.flagAfterHours);
  const kinds = flaggable.map((kind) => ({
    kind,
    scenarios: all.filter((c) => c.kinds.includes(kind)).map((c) => c.scenarioId),
  }));
  const missingRows = rows.filter((r) => r.scenarios.length === 0).map((r) => r.row);
  const missingKinds = kinds.filter((k) => k.scenarios.length === 0).map((k) => k.kind);
  return {
    ruleSet: `${ruleSet.id}@${ruleSet.version}`,
    rows,
    kinds,
    missingRows,
    missingKinds,
    ok: missingRows.length === 0 && missingKinds.length === 0,
  };
}

/** The coverage gaps as sentences, one per line, for the command line and the test failure message. */
export function describeGaps(report: CoverageReport): string[] {
  return [
    ...report.missingRows.map((r) => `rule row ${r} of ${report.ruleSet} has no training scenario`),
    ...report.missingKinds.map((k) => `anomaly kind ${k} has no training scenario`),
  ];
}

/**
 * What a scenario teaches, as the words progress reports use: the rows of its focus, the
 * illegal change it shows (written `Packed→PendingPicking (not allowed)`) and its anomaly kinds.
 */
export function taughtRules(coverage: ScenarioCoverage): string[] {
  const { rows, kinds, change } = coverage.focus;
  const taught = [...rows];
  if (change !== null && rows.length === 0 && kinds.includes('illegal-transition'))
    taught.push(`${change} (not allowed)`);
  taught.push(...kinds);
  return taught;
}
