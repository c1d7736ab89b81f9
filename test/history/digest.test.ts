/**
 * The shift handover: a night split by a handover time, with an import and a refused line on each
 * side, an export before it and a correction after it; the digest keeps each on its side.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DigestRecord } from '../../shared/contract/handover';
import { shiftDigest } from '../../electron/handover/digest';
import { freshJournal, sampleEvents, withOperators } from '../journal/helpers';
import { run } from './cli';

afterEach(() => {
  vi.useRealTimers();
});

function handoverNight() {
  vi.useFakeTimers({ toFake: ['Date'] });
  const journal = withOperators(freshJournal());
  const events = sampleEvents('missing-package.ndjson');
  const cut = events.findIndex((e) => e.event.eventId === 's-1345693-08');
  vi.setSystemTime(new Date('2026-11-26T22:00:00Z'));
  journal.appendBatch(events.slice(0, cut), 'day.ndjson', [{ file: 'day.ndjson', line: 3, reason: 'early', raw: '{' }]);
  const dayEnd = journal.lastSeq();
  vi.setSystemTime(new Date('2026-11-26T22:30:00Z'));
  journal.recordExport({
    bundle: 'ledger-1',
    fromSeq: 1,
    toSeq: dayEnd,
    events: dayEnd,
    endHash: journal.chainHash(dayEnd),
    keyFingerprint: 'f'.repeat(64),
    destination: '/corporate',
    at: new Date().toISOString(),
  });
  vi.setSystemTime(new Date('2026-11-27T01:30:00Z'));
  journal.appendBatch(events.slice(cut), 'night.ndjson', [
    { file: 'night.ndjson', line: 12, reason: 'line 12: "timestamp" has no time-zone offset', raw: '{}' },
  ]);
  vi.setSystemTime(new Date('2026-11-27T02:00:00Z'));
  journal.correct({
    operatorId: 'sup',
    orderId: '1345693',
    status: 'Packed',
    reason: 'Found on the packing bench',
    correctsEventId: 's-1345693-08',
  });
  // A Clerk hands the other flagged order to a Supervisor; nobody has answered yet.
  journal.requestCorrection({
    operatorId: 'clerk',
    orderId: '1345701',
    correctsEventId: 's-1345701-05',
    status: 'Picking',
    reason: 'It was never packed: still on the picking cart at 23:00',
  });
  vi.useRealTimers();
  return { journal, dayEnd };
}

describe('the shift handover', () => {
  it('keeps what came after the handover time apart from what was carried over', () => {
    const { journal, dayEnd } = handoverNight();
    const d = shiftDigest(journal, '2026-11-26T19:00:00-05:00'); // 00:00Z, between the two imports
    expect(d.sinceSeq).toBe(dayEnd);
    expect(d.headSeq).toBe(journal.lastSeq());

    const fresh = journal.anomalies({ limit: 1000 }).filter((a) => a.seq > dayEnd);
    expect(d.newAnomalies.rows.map((a) => a.id)).toEqual(fresh.map((a) => a.id));
    expect(d.newAnomalies.rows.map((a) => a.eventId)).toContain('s-1345693-08');
    expect(d.newAnomalies.total.error + d.newAnomalies.total.warning).toBe(fresh.length);

    expect(d.officeActions).toEqual([
      expect.objectContaining({
        type: 'StatusCorrected',
        orderId: '1345693',
        by: expect.objectContaining({ id: 'sup', name: 'Sue Supervisor' }),
        what: 'set to Packed (corrects s-1345693-08)',
        reason: 'Found on the packing bench',
      }),
    ]);
    expect(d.requestsWaiting).toEqual([
      expect.objectContaining({
        orderId: '1345701',
        correctsEventId: 's-1345701-05',
        status: 'Picking',
        state: 'open',
        requestedBy: expect.objectContaining({ id: 'clerk' }),
      }),
    ]);
    expect(d.imports).toEqual([expect.objectContaining({ source: 'night.ndjson', fromSeq: dayEnd + 1 })]);
    expect(d.refused).toEqual([
      { file: 'night.ndjson', lines: 1, first: [{ line: 12, reason: expect.stringContaining('offset') }] },
    ]);
    expect(d.exports).toEqual([]);
    expect(d.anchoring).toMatchObject({
      lastExport: { bundle: 'ledger-1', toSeq: dayEnd },
      unanchored: journal.lastSeq() - dayEnd,
    });

    const carried = journal.anomalies({ open: true, limit: 1000 }).filter((a) => a.seq <= dayEnd);
    expect(d.carriedOver.rows.map((a) => a.id)).toEqual(carried.map((a) => a.id));
    expect(d.carriedOver.total.error + d.carriedOver.total.warning).toBe(carried.length);

    // From before the first event, everything is new and the export is listed.
    const all = shiftDigest(journal, '2026-11-26T00:00:00Z');
    expect(all.sinceSeq).toBe(0);
    expect(all.imports.map((i) => i.source)).toEqual(['day.ndjson', 'night.ndjson']);
    expect(all.exports.map((e) => e.bundle)).toEqual(['ledger-1']);
    expect(all.refused.map((f) => f.file)).toEqual(['day.ndjson', 'night.ndjson']);
    expect(all.carriedOver.rows).toEqual([]);
  });

  it('says so when there is nothing, and refuses a time it cannot read', async () => {
    const { journal } = handoverNight();
    const later = shiftDigest(journal, '2030-01-01T00:00:00Z');
    expect(later.newAnomalies.rows).toEqual([]);
    expect(later.officeActions).toEqual([]);
    expect(later.imports).toEqual([]);

    const text = await run(['digest', '--since', '2030-01-01T00:00:00Z', '--db', journal.path]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('New anomalies: 0 error(s), 0 warning(s)\n  none');
    expect(text.out).toContain('Last anchored: seq');

    const night = await run(['digest', '--since', '2026-11-26T19:00:00-05:00', '--db', journal.path]);
    expect(night.out).toContain(
      'Sue Supervisor  order 1345693: set to Packed (corrects s-1345693-08) — "Found on the packing bench"',
    );
    expect(night.out).toContain('night.ndjson: 1 line(s)');
    const json = (
      await run(['digest', '--since', '2026-11-26T19:00:00-05:00', '--db', journal.path, '--json'])
    ).json<DigestRecord>();
    expect(json.officeActions).toHaveLength(1);

    const bad = await run(['digest', '--since', 'tonight', '--db', journal.path]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"since" "tonight" is not an ISO 8601 time');
    const none = await run(['digest', '--db', journal.path]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('--since TIME');
  });
});
