/** The anomaly inbox's filters and exact totals, on the missing-package night. */
import { describe, expect, it } from 'vitest';
import { correctedMissingPackage, freshJournal, sampleEvents } from './helpers';

function night() {
  const j = freshJournal();
  j.appendBatch(sampleEvents('missing-package.ndjson'), 'night.ndjson');
  return j;
}
const flagged = (rows: { eventId: string }[]) => rows.map((a) => a.eventId).sort();

describe('the inbox filter', () => {
  it('by person: an id, or the start of a word of the name', () => {
    const j = night();
    for (const person of ['wchin', 'Walter', 'chin', 'walter chin']) {
      expect(flagged(j.anomalies({ open: true, person })), person).toEqual(['s-1345693-08']);
    }
    expect(flagged(j.anomalies({ person: 'Ruiz' }))).toEqual(['s-1345701-05']);
    // Not the middle of a word: "alter" is nobody's name.
    expect(j.anomalies({ person: 'alter' })).toEqual([]);
  });

  it('by customer, order and date; a wildcard typed is only a character', () => {
    const j = night();
    expect(flagged(j.anomalies({ customer: 'street vet' }))).toEqual(['s-1345701-05']);
    expect(flagged(j.anomalies({ customer: '%' }))).toEqual([]);
    expect(flagged(j.anomalies({ orderId: '1345693' }))).toEqual(['s-1345693-08']);
    expect(flagged(j.anomalies({ from: '2026-11-26T12:00:00-05:00' }))).toEqual(['s-1345693-08']);
    expect(flagged(j.anomalies({ to: '2026-11-26T12:00:00-05:00' }))).toEqual(['s-1345701-05']);
    expect(() => j.anomalies({ from: 'yesterday' })).toThrow(/"from": "yesterday" is not an ISO 8601 time/);
  });
});

describe('exact totals', () => {
  it('per severity and kind, under the same filter, and they follow a correction', () => {
    const j = night();
    expect(j.anomalyTotals({ open: true })).toEqual({
      total: 2,
      bySeverity: { error: 2, warning: 0 },
      byKind: { 'illegal-transition': 2 },
    });
    expect(j.anomalyTotals({ open: true, person: 'Walter' }).total).toBe(1);
    const fixed = correctedMissingPackage();
    expect(fixed.anomalyTotals({ open: true }).total).toBe(1);
    expect(fixed.anomalyTotals({ open: false }).byKind).toEqual({ 'illegal-transition': 1 });
    expect(fixed.anomalyTotals().total).toBe(2);
  });

  it('count every anomaly, not a page of them', () => {
    const j = night();
    const events = sampleEvents('missing-package.ndjson');
    // 300 over-picks on one order: more than a page of the inbox.
    const base = events[0]!;
    const picks = Array.from({ length: 300 }, (_, i) => ({
      event: {
        ...base.event,
        eventId: `pick-${i}`,
        type: 'ItemPicked' as const,
        orderId: '1345702',
        timestamp: '2026-11-27T09:00:00-05:00',
        data: { itemSku: 'NOT-ON-ORDER', itemQty: 1 },
      },
      instant: Date.parse('2026-11-27T14:00:00Z'),
    }));
    j.appendBatch(picks, 'picks.ndjson');
    const totals = j.anomalyTotals({ open: true });
    expect(totals.total).toBe(j.anomalies({ open: true, limit: 10_000 }).length);
    expect(totals.total).toBeGreaterThan(300);
    expect(totals.bySeverity.error! + totals.bySeverity.warning!).toBe(totals.total);
  });
});
