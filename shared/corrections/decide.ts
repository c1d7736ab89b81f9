/**
 * The office's decisions (handbook §6), pure: `decide(command, state, operator)` says which event
 * a correction or a dismissal appends, or why it is refused. The journal loads the order's state
 * and appends what it returns; the preview is decide + evolve; the form asks it what is possible.
 *
 * Each rule (who may write, the reason, the status, the event named, the order not moved) is
 * checked here and nowhere else, with its words for the journal (`message`, the refusal that
 * goes back to the caller) and for the form (`problem`, the sentence the preview lists).
 */
import { MIN_REASON_LENGTH, reasonSchema } from '../events/envelope';
import type { AnomalyDismissedData, StatusCorrectedData } from '../events/envelope';
import type { OrderState } from '../orders/orderState';
import { parseRuleSet, type CompiledRules, type RuleSet } from '../rules/ruleSet';

export { MIN_REASON_LENGTH };

/** A real journal takes Supervisors' office events; a training journal Trainees' too. */
export type OfficeJournalKind = 'real' | 'training';

/** Who would write the office event: the signed-in operator, never someone typed in. */
export interface OfficeOperator {
  id: string;
  name?: string;
  role: string;
}

export interface CorrectCommand {
  type: 'correct';
  orderId: string;
  status: string;
  reason: string;
  correctsEventId?: string;
  /** The order's last seq as the operator saw it; `undefined`: not checked (the command line, a preview). */
  expectedSeq?: number;
}

export interface DismissCommand {
  type: 'dismiss';
  orderId: string;
  dismissesEventId: string;
  reason: string;
  expectedSeq?: number;
}

export type OfficeCommand = CorrectCommand | DismissCommand;

/** The event a command names (the one it corrects or dismisses), as found in the journal. */
export interface NamedEvent {
  eventId: string;
  seq: number;
  orderId: string;
  /** How many of its anomalies are still open. */
  openAnomalies: number;
}

/** What a decision needs to know of the journal and the order, loaded by the caller. */
export interface OfficeState {
  journal: OfficeJournalKind;
  rules: CompiledRules;
  /** The rule set in force as the journal names it (`id@version`). */
  ruleKey: string;
  /** The order as it stands; absent: the order is not in the journal. */
  order?: { state: OrderState; lastSeq: number };
  /** The event the command names; absent: no such event in the journal (or none named). */
  named?: NamedEvent;
}

export type RefusalCode = 'not-found' | 'not-allowed' | 'refused' | 'stale' | 'invalid';
/** What a refusal is about, so each caller can list them in its own order. */
export type RefusalSubject = 'operator' | 'reason' | 'status' | 'order' | 'event' | 'stale' | 'ruleSet';

export interface Refusal {
  code: RefusalCode;
  /** In the journal's words (the refusal the caller gets back). */
  message: string;
  /** In the form's words (one sentence of the preview's problems). */
  problem: string;
  about: RefusalSubject;
}

export interface PendingCorrection {
  type: 'StatusCorrected';
  orderId: string;
  data: StatusCorrectedData;
}

export interface PendingDismissal {
  type: 'AnomalyDismissed';
  orderId: string;
  data: AnomalyDismissedData;
}

/** Accepted: the event to append (the journal gives it its id, author, time and seq), and the event it resolves. */
export interface Accepted<E> {
  ok: true;
  event: E;
  resolvesSeq?: number;
}

/** Refused: every reason, in the order the journal checks them (it answers with the first). */
export interface Refused {
  ok: false;
  refusals: Refusal[];
}

export type Decision<E> = Accepted<E> | Refused;

export function decide(
  command: CorrectCommand,
  state: OfficeState,
  operator: OfficeOperator,
): Decision<PendingCorrection>;
export function decide(
  command: DismissCommand,
  state: OfficeState,
  operator: OfficeOperator,
): Decision<PendingDismissal>;
export function decide(
  command: OfficeCommand,
  state: OfficeState,
  operator: OfficeOperator,
): Decision<PendingCorrection | PendingDismissal>;
export function decide(
  command: OfficeCommand,
  state: OfficeState,
  operator: OfficeOperator,
): Decision<PendingCorrection | PendingDismissal> {
  return command.type === 'correct'
    ? decideCorrection(command, state, operator)
    : decideDismissal(command, state, operator);
}

/** A `StatusCorrected`: any status of the rules in force, resolving the open anomalies of the event it names. */
export function decideCorrection(
  command: CorrectCommand,
  state: OfficeState,
  operator: OfficeOperator,
): Decision<PendingCorrection> {
  const refusals: Refusal[] = [];
  const byRole = roleRefusal(operator, state.journal, 'correct');
  if (byRole) refusals.push(byRole);
  const reason = reasonRule(command.reason);
  if (!reason.ok) refusals.push(reason.refusal);
  const { rules } = state;
  if (!rules.statuses.has(command.status)) {
    refusals.push({
      code: 'invalid',
      about: 'status',
      message: `unknown status ${JSON.stringify(command.status)}: the rule set in force (${state.ruleKey}) knows ${[...rules.statuses].join(', ')}`,
      problem: `"${command.status}" is not a status of the rule set ${rules.ruleSet.id} v${rules.ruleSet.version}.`,
    });
  }
  const order = orderRefusal(command.orderId, state);
  if (order) refusals.push(order);
  if (command.correctsEventId !== undefined) {
    const named = namedRefusal(command.correctsEventId, command.orderId, state.named);
    if (named) refusals.push(named);
  }
  const stale = staleRefusal(command, state);
  if (stale) refusals.push(stale);
  if (refusals.length > 0 || !reason.ok || !state.order) return { ok: false, refusals };

  const event: PendingCorrection = {
    type: 'StatusCorrected',
    orderId: command.orderId,
    data: correctionData(command, reason.reason, state.order.state),
  };
  return command.correctsEventId !== undefined
    ? { ok: true, event, resolvesSeq: state.named!.seq }
    : { ok: true, event };
}

/** An `AnomalyDismissed`: the flag on the event named was a false alarm, the status stays. */
export function decideDismissal(
  command: DismissCommand,
  state: OfficeState,
  operator: OfficeOperator,
): Decision<PendingDismissal> {
  const refusals: Refusal[] = [];
  const byRole = roleRefusal(operator, state.journal, 'dismiss');
  if (byRole) refusals.push(byRole);
  const reason = reasonRule(command.reason);
  if (!reason.ok) refusals.push(reason.refusal);
  const order = orderRefusal(command.orderId, state);
  if (order) refusals.push(order);
  const named = namedRefusal(command.dismissesEventId, command.orderId, state.named);
  if (named) refusals.push(named);
  else if (state.named!.openAnomalies === 0) {
    refusals.push({
      code: 'invalid',
      about: 'event',
      message: `event ${JSON.stringify(command.dismissesEventId)} (seq ${state.named!.seq}) has no open anomaly to dismiss`,
      problem: `Event #${state.named!.seq} has no open anomaly to dismiss.`,
    });
  }
  const stale = staleRefusal(command, state);
  if (stale) refusals.push(stale);
  if (refusals.length > 0 || !reason.ok) return { ok: false, refusals };
  return {
    ok: true,
    event: { type: 'AnomalyDismissed', orderId: command.orderId, data: dismissalData(command, reason.reason) },
    resolvesSeq: state.named!.seq,
  };
}

/** The correction's data, in the order the journal writes its fields (the order as it stands inside). */
export function correctionData(command: CorrectCommand, reason: string, now: OrderState): StatusCorrectedData {
  const data = { status: command.status, reason } as StatusCorrectedData;
  if (command.correctsEventId !== undefined) data.correctsEventId = command.correctsEventId;
  const order = { orderId: command.orderId } as StatusCorrectedData['order'];
  if (now.customer !== undefined) order.customer = now.customer;
  order.lines = [...now.lines];
  data.order = order;
  return data;
}

export function dismissalData(command: DismissCommand, reason: string): AnomalyDismissedData {
  return { dismissesEventId: command.dismissesEventId, reason };
}

export interface ActivateRulesCommand {
  type: 'activateRules';
  /** The rule set as given (checked here: a file, the rule table, a request). */
  ruleSet: unknown;
  reason: string;
}

/** What decide needs to know of the journal's rule sets, loaded by the caller. */
export interface RulesState {
  /** The rule set in force (`id@version`). */
  ruleKey: string;
  /** The rule set given, as the journal would keep it: its hash, and the hash already stored under its key. */
  candidate?: { hash: string; storedHash?: string };
}

export interface PendingActivation {
  type: 'RuleSetActivated';
  data: { ruleSetId: string; version: number; hash: string; reason: string; ruleSet: RuleSet };
}

/**
 * A `RuleSetActivated`: a valid rule set, not the one in force, not changed under a key already
 * used, put in force by a Supervisor with a reason. The journal computes the hash (`candidate`).
 */
export function decideRuleActivation(
  command: ActivateRulesCommand,
  state: RulesState,
  operator: OfficeOperator,
): Decision<PendingActivation> {
  const byRole = rulesRoleRefusal(operator);
  if (byRole) return { ok: false, refusals: [byRole] };
  const reason = reasonRule(command.reason);
  if (!reason.ok) return { ok: false, refusals: [reason.refusal] };
  const parsed = parseRuleSet(command.ruleSet);
  if (!parsed.ok) {
    const message = `the rule set is not valid: ${parsed.problems.join('; ')}`;
    return { ok: false, refusals: [{ code: 'invalid', about: 'ruleSet', message, problem: message }] };
  }
  const key = `${parsed.ruleSet.id}@${parsed.ruleSet.version}`;
  const { candidate } = state;
  if (!candidate) throw new Error(`decide was not given the hash of rule set ${key}`);
  if (candidate.storedHash !== undefined && candidate.storedHash !== candidate.hash) {
    const message = `rule set ${key} is already stored with different rules: give the changed rule set a new version`;
    return { ok: false, refusals: [{ code: 'refused', about: 'ruleSet', message, problem: message }] };
  }
  if (key === state.ruleKey) {
    const message = `rule set ${key} is already in force`;
    return { ok: false, refusals: [{ code: 'refused', about: 'ruleSet', message, problem: message }] };
  }
  return {
    ok: true,
    event: {
      type: 'RuleSetActivated',
      data: {
        ruleSetId: parsed.ruleSet.id,
        version: parsed.ruleSet.version,
        hash: candidate.hash,
        reason: reason.reason,
        ruleSet: parsed.ruleSet,
      },
    },
  };
}

// --- the rules, once each

/**
 * The Supervisor's authority, stated once: who may correct, dismiss, change the rules, decline a
 * request, add, disable or fix operators. Every "Supervisor only" in the app asks this.
 */
export function isSupervisor(role: string | undefined): boolean {
  return role === 'Supervisor';
}

/** Roles that may write office events in this kind of journal. */
export function mayWriteOfficeEvents(role: string, training = false): boolean {
  return isSupervisor(role) || (training && role === 'Trainee');
}

const ACTIONS = {
  correct: { journal: 'correct an order', form: 'corrections' },
  dismiss: { journal: 'dismiss an anomaly', form: 'dismissals' },
} as const;

function roleRefusal(
  operator: OfficeOperator,
  journal: OfficeJournalKind,
  action: keyof typeof ACTIONS,
): Refusal | null {
  const training = journal === 'training';
  if (mayWriteOfficeEvents(operator.role, training)) return null;
  const who = training ? 'a Supervisor or a Trainee' : 'a Supervisor';
  const hint = !training && operator.role === 'Trainee' ? ' (a Trainee practises in training)' : '';
  const { journal: doing, form: writes } = ACTIONS[action];
  return {
    code: 'not-allowed',
    about: 'operator',
    message: `${operator.id} is a ${operator.role}: only ${who} may ${doing}${hint}`,
    problem:
      operator.role === 'Trainee'
        ? `A Trainee's ${writes} go to the training journal only, never to this one.`
        : `Only a Supervisor may write ${writes}; you are signed in as ${article(operator.role)}.`,
  };
}

/** Who may change the rules in force (a `RuleSetActivated`): a Supervisor, in any journal. */
export function mayChangeRules(role: string): boolean {
  return isSupervisor(role);
}

/** The rule-change role rule in the journal's words (the handler answers it early, the journal in the write). */
export function rulesRoleRefusal(operator: OfficeOperator): Refusal | null {
  if (mayChangeRules(operator.role)) return null;
  return {
    code: 'not-allowed',
    about: 'operator',
    message: `only a Supervisor may change the rules; ${operator.id} is a ${operator.role}`,
    problem: 'Only a Supervisor may change the rules in force.',
  };
}

export type ReasonRule = { ok: true; reason: string } | { ok: false; refusal: Refusal };

/**
 * The reason as typed (§3: "non-blank, at least 10 characters"). Surrounding blanks do not count
 * and are dropped from what is written, so "   ok       " is refused and "Found on shelf B4 " is
 * written as "Found on shelf B4".
 */
export function reasonRule(reason: unknown): ReasonRule {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length === 0) {
    return {
      ok: false,
      refusal: {
        code: 'invalid',
        about: 'reason',
        message: 'a reason is required: say why',
        problem: 'A reason is required: say why the status is wrong.',
      },
    };
  }
  // The envelope's own rule for a stored reason: what the journal would accept on import too.
  if (!reasonSchema.safeParse(trimmed).success) {
    return {
      ok: false,
      refusal: {
        code: 'invalid',
        about: 'reason',
        message: `the reason is too short (${trimmed.length} characters): give at least ${MIN_REASON_LENGTH}`,
        problem: `The reason is too short: at least ${MIN_REASON_LENGTH} characters (${MIN_REASON_LENGTH - trimmed.length} more).`,
      },
    };
  }
  return { ok: true, reason: trimmed };
}

/** Whether the reason as typed would be accepted: what a form's button asks before it enables. */
export function reasonReady(reason: string): boolean {
  return reasonRule(reason).ok;
}

/** Refused with one reason, in the same words for the journal and the form. */
export function refusedWith(code: RefusalCode, about: RefusalSubject, message: string, problem = message): Refused {
  return { ok: false, refusals: [{ code, about, message, problem }] };
}

export function orderRefusal(orderId: string, state: Pick<OfficeState, 'order'>): Refusal | null {
  if (state.order) return null;
  return {
    code: 'not-found',
    about: 'order',
    message: `order ${JSON.stringify(orderId)} is not in the journal`,
    problem: 'The order has no events in this journal.',
  };
}

function namedRefusal(eventId: string, orderId: string, named: NamedEvent | undefined): Refusal | null {
  const problem = `Event ${eventId} is not an event of order ${orderId}.`;
  if (!named || named.eventId !== eventId) {
    return {
      code: 'invalid',
      about: 'event',
      message: `event ${JSON.stringify(eventId)} is not in the journal`,
      problem,
    };
  }
  if (named.orderId !== orderId) {
    return {
      code: 'invalid',
      about: 'event',
      message: `event ${JSON.stringify(eventId)} belongs to order ${JSON.stringify(named.orderId)}, not to order ${JSON.stringify(orderId)}`,
      problem,
    };
  }
  return null;
}

export function staleRefusal(
  command: { orderId: string; expectedSeq?: number },
  state: Pick<OfficeState, 'order'>,
): Refusal | null {
  const { expectedSeq } = command;
  if (expectedSeq === undefined || !state.order || expectedSeq === state.order.lastSeq) return null;
  const message = `order ${command.orderId} has changed since you opened it: its last event is now seq ${state.order.lastSeq}, you saw seq ${expectedSeq}. Nothing was written; reload the order.`;
  return { code: 'stale', about: 'stale', message, problem: message };
}

export function article(role: string): string {
  return /^[AEIOU]/.test(role) ? `an ${role}` : `a ${role}`;
}
