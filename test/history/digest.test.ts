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
  // The office's operators were there long before the night.
  vi.setSystemTime(new Date('2026-11-20T09:00:00Z'));
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
      // The Clerk's request is an office event of the night too.
      expect.objectContaining({
        type: 'CorrectionRequested',
        orderId: '1345701',
        by: expect.objectContaining({ id: 'clerk' }),
        what: 'asked a Supervisor to set it to Picking (corrects s-1345701-05)',
      }),
    ]);
    expect(d.operatorsAdded).toEqual([]);
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

  it('lists requests declined or ended by a correction, operators added, disabled and given a new password', async () => {
    const { journal } = handoverNight();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T02:10:00Z'));
    journal.addOperator({ id: 'ned', name: 'Ned New', role: 'Clerk', password: 'new-clerk-pw' });
    vi.setSystemTime(new Date('2026-11-27T02:20:00Z'));
    journal.disableOperator({ operatorId: 'sup', targetId: 'trainee', reason: 'Left for the day shift team' });
    await journal.resetPassword({
      operatorId: 'sup',
      targetId: 'clerk',
      reason: 'Forgot it after the holidays',
      password: 'another-clerk-pw',
    });
    const [request] = journal.correctionRequests(true, 10);
    journal.correct({
      operatorId: 'sup',
      orderId: '1345701',
      status: 'Picking',
      reason: 'Checked: still on the picking cart',
      correctsEventId: request!.correctsEventId,
    });
    vi.useRealTimers();

    const d = shiftDigest(journal, '2026-11-26T19:00:00-05:00');
    expect(d.officeActions.map((a) => [a.type, a.orderId, a.what])).toEqual([
      ['StatusCorrected', '1345693', 'set to Packed (corrects s-1345693-08)'],
      ['CorrectionRequested', '1345701', 'asked a Supervisor to set it to Picking (corrects s-1345701-05)'],
      ['OperatorDisabled', null, 'disabled operator trainee'],
      ['PasswordReset', null, 'reset the password of operator clerk'],
      ['StatusCorrected', '1345701', "set to Picking (corrects s-1345701-05), ending Cal Clerk's request"],
    ]);
    expect(d.officeActions.find((a) => a.type === 'OperatorDisabled')?.reason).toBe('Left for the day shift team');
    expect(d.operatorsAdded).toEqual([{ id: 'ned', name: 'Ned New', role: 'Clerk', at: '2026-11-27T02:10:00.000Z' }]);
    expect(d.requestsWaiting).toEqual([]);

    // The command line prints them in the same section, operator changes without an order.
    const { out } = await run(['digest', '--since', '2026-11-26T19:00:00-05:00', '--db', journal.path]);
    expect(out).toContain('Sue Supervisor: disabled operator trainee — "Left for the day shift team"');
    expect(out).toContain('Ned New (Clerk, ned) added as an operator');
    expect(out).toContain("ending Cal Clerk's request");
    // In time order: Ned was added (02:10) before the trainee was disabled (02:20).
    expect(out.indexOf('added as an operator')).toBeLessThan(out.indexOf('disabled operator trainee'));
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
    // The correction and the Clerk's request.
    expect(json.officeActions.map((a) => a.type)).toEqual(['StatusCorrected', 'CorrectionRequested']);

    const bad = await run(['digest', '--since', 'tonight', '--db', journal.path]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"since" "tonight" is not an ISO 8601 time');
    const none = await run(['digest', '--db', journal.path]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('--since TIME');
  });
});
