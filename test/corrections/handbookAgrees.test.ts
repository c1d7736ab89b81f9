/**
 * The form's suggestion and the training's expected answers follow one rule (handbook §6): for
 * every handbook case, what the form would suggest for the case's event is what the case expects.
 */
import { describe, expect, it } from 'vitest';
import { suggestedStatusOf, type HistoryItem } from '../../shared/corrections';
import { handbookScenarios } from '../../shared/training/handbook';
import { RULES } from './history';

function asHistory(events: readonly { eventId: string }[]): HistoryItem[] {
  return events.map((e, i) => ({ ...(e as HistoryItem), seq: i + 1, anomalies: [] }));
}

describe('the handbook cases agree with the suggested status', () => {
  for (const scenario of handbookScenarios()) {
    const expected = scenario.expected;
    if (expected.action === 'none') continue;
    it(`${scenario.id}: ${expected.action === 'correct' ? `correct to ${expected.status}` : 'dismiss'}`, () => {
      const history = asHistory(scenario.history);
      const seq = history.find((e) => e.eventId === expected.eventId)!.seq;
      expect(suggestedStatusOf(history, seq, RULES)).toBe(expected.action === 'correct' ? expected.status : null);
    });
  }
});
