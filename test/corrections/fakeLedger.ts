/**
 * An in-memory stand-in for `window.ledger`, just enough for the correction form's model: it
 * keeps an order's events, answers the read channels from them, and writes office events with
 * the journal's guard (`expectedSeq` must still be the order's last seq).
 */
import type { CorrectionsLedger } from '../../renderer/corrections/ledger';
import type { OperatorRecord, OrderRecord } from '../../shared/contract/records';
import { correctionContextOf, orderNow } from '../../shared/corrections';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import type { OrderEvent } from '../../shared/events/envelope';
import type { OrderBook } from './history';
import { RULES, journalOf } from './history';

export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeOptions {
  /** The window practises a scenario: the session reports it, and any operator's write is their (graded) answer. */
  practising?: boolean;
  /** In practice, the scenario has been answered already (the session carries its result). */
  answered?: boolean;
}

export function fakeLedger(book: OrderBook, operator: OperatorRecord | null, options: FakeOptions = {}) {
  const practising = options.practising ?? false;
  /** The writes, as the journal got them. */
  const calls: { channel: string; request: unknown }[] = [];
  /** Every call the form made, reads included, by channel: how many round trips opening and writing cost. */
  const requests: string[] = [];
  let counter = 0;
  const history = () => journalOf(book.events);
  const order = (): OrderRecord | null => {
    const h = history();
    if (h.length === 0) return null;
    const st = orderNow(h, RULES, book.orderId);
    const last = h[h.length - 1]!;
    return {
      orderId: book.orderId,
      status: st.status,
      lastSeq: last.seq,
      lastEventAt: last.timestamp,
      eventCount: h.length,
      openAnomalies: h.flatMap((i) => i.anomalies).filter((a) => a.open).length,
      customer: st.customer,
      lines: [...st.lines],
      picked: { ...st.picked },
      created: st.created,
      beforeHold: st.beforeHold,
    };
  };
  const office = (type: OrderEvent['type'], data: Record<string, unknown>, expectedSeq: number) => {
    if (!operator) throw new LedgerError('not-signed-in', 'Sign in first.');
    if (operator.role !== 'Supervisor' && !practising) {
      throw new LedgerError('not-allowed', 'Only a Supervisor may correct.');
    }
    // In practice the training journal records whoever practises as a Trainee.
    const role = practising ? 'Trainee' : operator.role;
    const last = order()?.lastSeq ?? 0;
    if (expectedSeq !== last) {
      throw new LedgerError(
        'stale',
        `order ${book.orderId} has moved on: its last event is #${last}, not #${expectedSeq}`,
      );
    }
    counter += 1;
    book.events.push({
      eventId: `office-${counter}`,
      type,
      orderId: book.orderId,
      initiatedBy: { id: operator.id, name: operator.name, role },
      timestamp: new Date(Date.UTC(2026, 10, 27, 9, counter)).toISOString(),
      data,
    });
    return { seq: last + 1, eventId: `office-${counter}`, status: order()?.status ?? undefined };
  };

  const historyNow = () => history().map((h) => ({ ...h, statusAfter: h.statusAfter ?? null }));
  const detailOf = (ref: { seq: number } | { eventId: string }) => {
    const h = history();
    const i = h.findIndex((e) => ('seq' in ref ? e.seq === ref.seq : e.eventId === ref.eventId));
    if (i < 0) return null;
    return {
      event: h[i]!,
      previous: h[i - 1] ?? null,
      next: h[i + 1] ?? null,
      trace: [],
      statusBefore: h[i - 1]?.statusAfter ?? null,
      statusAfter: h[i]!.statusAfter ?? null,
    };
  };

  const api: CorrectionsLedger = {
    // The form's one read, assembled from the fake's order by the same code as the handler's.
    correctionContext: async (request) => {
      requests.push('correctionContext');
      return correctionContextOf(request, {
        operator,
        training: practising,
        practising,
        answered: practising && (options.answered ?? false),
        order: order(),
        history: historyNow(),
        detailOf: (seq) => detailOf({ seq }),
        ruleSet: FLOOR_RULES,
      });
    },
    getOrder: async () => {
      requests.push('getOrder');
      return order();
    },
    correct: async (request) => {
      requests.push('correct');
      calls.push({ channel: 'correct', request });
      const data: Record<string, unknown> = {
        status: request.status,
        reason: request.reason,
        order: { orderId: book.orderId, lines: [] },
      };
      if (request.correctsEventId) data.correctsEventId = request.correctsEventId;
      return office('StatusCorrected', data, request.expectedSeq);
    },
    dismiss: async (request) => {
      requests.push('dismiss');
      calls.push({ channel: 'dismiss', request });
      return office(
        'AnomalyDismissed',
        { dismissesEventId: request.dismissesEventId, reason: request.reason },
        request.expectedSeq,
      );
    },
    correctionsLog: async () => ({ rows: [], nextBeforeSeq: null }),
    listOperators: async () => (operator ? [operator] : []),
  };
  return { api, calls, requests, order };
}
