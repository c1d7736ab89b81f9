/**
 * Replaying history: the fold of every order, event by event, with one rule set, exactly as
 * the journal records it (same `evaluate`, office events applied the same way). The preview
 * and the observed-transitions matrix both stand on this, so neither can drift from the journal.
 */
import type { OrderEvent } from '../events/envelope';
import type { OrderState } from '../orders/orderState';
import { evaluate, type AnomalyFinding } from './evaluate';
import { compileRules, type CompiledRules, type RuleSet } from './ruleSet';

/**
 * An event as replay needs it. The journal's `EventRecord` fits as it is (`seq`, and the
 * anomalies it recorded); a plain envelope fits with a seq added.
 */
export interface ReplayEvent {
  seq: number;
  eventId: string;
  type: string;
  orderId: string;
  initiatedBy: { id: string; name?: string; role: string };
  timestamp: string;
  /** The timestamp in ms since the epoch, when the reader has it (the journal stores it): saves a parse per event. */
  instant?: number;
  data: Record<string, unknown>;
  /** What the journal flagged on it when it was recorded (absent for events not yet recorded). */
  anomalies?: readonly { kind: string }[];
}

/** What one event did under the replay's rules. */
export interface ReplayStep {
  event: ReplayEvent;
  /** The order's status before the event (`null`: nothing had set one). */
  before: string | null;
  after: string | null;
  /** The status the order had when it was last put on hold, before this event. */
  beforeHold: string | null;
  anomalies: AnomalyFinding[];
}

/** Cancelling a long replay: anything with an `aborted` flag (an AbortSignal is one). */
export interface StopSignal {
  readonly aborted: boolean;
}

export interface ReplayProgress {
  /** Called every `progressEvery` events with the number replayed so far. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
  /** Checked with each progress report; once set, the replay stops and says it was cancelled. */
  signal?: StopSignal;
}

export class Replayer {
  readonly rules: CompiledRules;
  private readonly orders = new Map<string, OrderState>();

  constructor(ruleSet: RuleSet | CompiledRules) {
    this.rules = 'whoMay' in ruleSet ? ruleSet : compileRules(ruleSet);
  }

  /** Check `event` against its order as replayed so far, and fold it in. */
  step(event: ReplayEvent): ReplayStep {
    const state = this.orders.get(event.orderId);
    // The record's role is a plain string; evaluate only compares it, so the cast is safe.
    const r = evaluate(state, event as unknown as OrderEvent, this.rules, event.instant ?? Date.parse(event.timestamp));
    this.orders.set(event.orderId, r.next);
    return {
      event,
      before: state?.status ?? null,
      after: r.next.status,
      beforeHold: state?.beforeHold ?? null,
      anomalies: r.anomalies,
    };
  }

  order(orderId: string): OrderState | undefined {
    return this.orders.get(orderId);
  }
}

/** Whether the replay should stop now, reporting progress on the way. */
export function tick(done: number, progress: ReplayProgress | undefined): boolean {
  if (!progress) return false;
  const every = progress.progressEvery ?? 5000;
  if (done % every !== 0) return false;
  progress.onProgress?.(done);
  return progress.signal?.aborted === true;
}
