/**
 * "Practise on a real mistake": a flagged event of the real journal becomes a scenario. The
 * copy keeps what the case is about (types, statuses, roles, SKUs, times) and replaces who was
 * involved: people's ids and names, the customer, the order number and the event ids, so a
 * trainee can practise on it without learning who made the mistake.
 */
import { isOfficeEventType, type OrderEvent } from '../events/envelope';
import type { EventRecord } from '../contract/records';
import { asOrderEvent } from '../corrections/history';
import type { FoldRules } from '../corrections/history';
import { suggestedStatusOf } from '../corrections/suggest';
import type { ExpectedAnswer, Scenario } from './scenario';

const PSEUDONYMS = [
  'Alex Morgan',
  'Sam Rivera',
  'Jordan Lee',
  'Casey Brooks',
  'Riley Chen',
  'Taylor Reed',
  'Jamie Ford',
  'Morgan Hale',
  'Drew Patel',
  'Robin Shaw',
];

export interface FromAnomalyInput {
  /** The order's history in the real journal, in journal order. */
  history: readonly EventRecord[];
  /** The flagged event. */
  eventId: string;
  /** The new scenario's id and pseudonymous order number. */
  scenarioId: string;
  orderId: string;
  /** The office event that resolved the anomaly in the real journal, if any: its answer is the expected one. */
  resolvedBy?: EventRecord;
  rules: FoldRules;
  createdBy: string;
  createdAt: string;
  title?: string;
  explanation?: string;
}

/** Build the scenario; throws with a clear message when the event is not a flagged event of the history. */
export function scenarioFromAnomaly(input: FromAnomalyInput): Scenario {
  const index = input.history.findIndex((e) => e.eventId === input.eventId);
  const flagged = input.history[index];
  if (!flagged) throw new Error(`event ${input.eventId} is not in the order's history`);
  if (isOfficeEventType(flagged.type)) throw new Error(`event ${input.eventId} is an office event, not a mistake`);
  if (flagged.anomalies.length === 0) throw new Error(`event ${input.eventId} carries no anomaly to practise on`);
  const realOrderId = flagged.orderId;

  // Office events before the flagged one are left out: the trainee's answer is the only office event.
  const kept = input.history.slice(0, index + 1).filter((e) => !isOfficeEventType(e.type));
  // The scenario ends at the flagged event: the right status is the one the form would suggest.
  const suggested = suggestedStatusOf(kept, flagged.seq, input.rules);

  const people = new Map<string, { id: string; name: string }>();
  const pseudonym = (who: EventRecord['initiatedBy']) => {
    const key = `${who.role}\u0000${who.id}`;
    let p = people.get(key);
    if (!p) {
      const n = people.size;
      p =
        who.role === 'System'
          ? { id: `system-${n + 1}`, name: 'Main system' }
          : { id: `person-${n + 1}`, name: PSEUDONYMS[n % PSEUDONYMS.length]! };
      people.set(key, p);
    }
    return { id: p.id, name: p.name, role: who.role };
  };
  const ids = new Map<string, string>();
  const history: OrderEvent[] = kept.map((record, i) => {
    const e = asOrderEvent(record);
    const eventId = `${input.orderId}-${String(i + 1).padStart(2, '0')}`;
    ids.set(e.eventId, eventId);
    const data = { ...e.data };
    if (e.type === 'OrderCreated' && data['customer'] !== undefined) data['customer'] = 'A customer';
    return {
      eventId,
      type: e.type,
      orderId: input.orderId,
      initiatedBy: pseudonym(e.initiatedBy) as OrderEvent['initiatedBy'],
      timestamp: e.timestamp,
      data,
    };
  });
  const newId = ids.get(flagged.eventId)!;
  const kinds = flagged.anomalies.map((a) => a.kind);
  const messages = flagged.anomalies.map((a) => a.message.split(realOrderId).join(input.orderId));

  let expected: ExpectedAnswer;
  let advice: string;
  const resolution = input.resolvedBy;
  if (resolution?.type === 'StatusCorrected') {
    const status = String(resolution.data['status']);
    expected = { action: 'correct', eventId: newId, status };
    advice = `The office corrected this order to ${status}.`;
  } else if (resolution?.type === 'AnomalyDismissed') {
    expected = { action: 'dismiss', eventId: newId };
    advice = 'The office checked it and dismissed the flag: the status was right.';
  } else if (suggested !== null) {
    expected = { action: 'correct', eventId: newId, status: suggested };
    advice = `The usual right answer (handbook §6) is what the order would be now had the flagged event never happened: ${suggested}.`;
  } else {
    expected = { action: 'dismiss', eventId: newId };
    advice = `Had this ${flagged.type} never happened, the order would have the status it has: no correction is needed; dismiss the flag with a reason once the floor has checked.`;
  }

  return {
    id: input.scenarioId,
    // Neutral: the title is on the list before anyone practises, so it must not name the anomaly.
    title: input.title ?? `A real mistake on order ${input.orderId}`,
    question: `This happened on the floor (people's names are replaced). What correction is right, if any?`,
    orderId: input.orderId,
    history,
    expected,
    explanation: input.explanation ?? `The ledger flagged event ${history.length}: ${messages.join('; ')}. ${advice}`,
    origin: { kind: 'real', kinds, createdBy: input.createdBy, createdAt: input.createdAt },
  };
}
