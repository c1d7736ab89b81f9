/** Corrections and dismissals (handbook §6): every refusal, and what an accepted one does. */
import { describe, expect, it } from 'vitest';
import { JournalRefusal, type CorrectionInput, type Journal } from '../../electron/journal';
import { created, freshJournal, incoming, sampleEvents, statusTo, withOperators } from './helpers';

/** The missing-package night recorded, with the operators. */
function missingPackage(kind: 'real' | 'training' = 'real'): Journal {
  const journal = withOperators(freshJournal({ kind }));
  journal.appendBatch(sampleEvents('missing-package.ndjson'), 'missing-package.ndjson');
  return journal;
}

const putBack: CorrectionInput = {
  operatorId: 'sup',
  orderId: '1345693',
  status: 'Packed',
  reason: 'Found on the packing bench, label printed',
  correctsEventId: 's-1345693-08',
  expectedSeq: 8,
};

function refusal(fn: () => unknown): JournalRefusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof JournalRefusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('correct', () => {
  it('appends a StatusCorrected that resolves the flag and puts the order back', () => {
    const journal = missingPackage();
    const appended = journal.correct(putBack);
    expect(appended).toMatchObject({ seq: 24, status: 'Packed' });

    const event = journal.event({ seq: 24 })!;
    expect(event).toMatchObject({
      eventId: appended.eventId,
      type: 'StatusCorrected',
      orderId: '1345693',
      initiatedBy: { id: 'sup', name: 'Sue Supervisor', role: 'Supervisor' },
      source: 'operator:sup',
      anomalies: [],
      data: {
        status: 'Packed',
        reason: 'Found on the packing bench, label printed',
        correctsEventId: 's-1345693-08',
        order: {
          orderId: '1345693',
          customer: 'Hillside Dental',
          lines: [
            { sku: 'GLV-200', qty: 3 },
            { sku: 'MSK-50', qty: 1 },
          ],
        },
      },
    });
    expect(event.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}([+-]\d\d:\d\d)$/);
    expect(journal.event({ eventId: 's-1345693-08' })!.anomalies).toEqual([
      expect.objectContaining({ kind: 'illegal-transition', open: false, resolvedBySeq: 24 }),
    ]);
    expect(journal.order('1345693')).toMatchObject({ status: 'Packed', lastSeq: 24, eventCount: 9, openAnomalies: 0 });
    expect(journal.statusCounts()).toEqual({ Packed: 1, Shipped: 2 });
    expect(journal.anomalies({ open: true }).map((a) => a.eventId)).toEqual(['s-1345701-05']);
    expect(journal.verify().ok).toBe(true);
  });

  it('checks the next event from the corrected status', () => {
    const journal = missingPackage();
    journal.correct(putBack);
    const ship = incoming('1345693', 'StatusChanged', { status: 'Shipped' }, 'Shipper', {
      timestamp: '2026-11-27T08:00:00-05:00',
    });
    const backToPicking = incoming('1345693', 'StatusChanged', { status: 'Picking' }, 'Picker', {
      timestamp: '2026-11-27T09:00:00-05:00',
    });
    const outcome = journal.appendBatch([ship, backToPicking], 'next-morning');
    expect(outcome.anomalies).toBe(1);
    const [shipped, picking] = journal.history('1345693').slice(-2);
    expect(shipped!.anomalies).toEqual([]);
    expect(picking!.anomalies.map((a) => a.kind)).toEqual(['illegal-transition']);
  });

  it('is allowed without an event to correct (then it resolves nothing) and without expectedSeq (command line)', () => {
    const journal = missingPackage();
    const { correctsEventId: _c, expectedSeq: _e, ...rest } = putBack;
    journal.correct(rest);
    expect(journal.order('1345693')).toMatchObject({ status: 'Packed', openAnomalies: 1 });
  });

  it('lets a Trainee correct in a training journal', () => {
    const journal = missingPackage('training');
    expect(journal.correct({ ...putBack, operatorId: 'trainee' }).status).toBe('Packed');
  });

  const refusals: [string, 'real' | 'training', Partial<CorrectionInput>, string, RegExp][] = [
    ['an unknown operator', 'real', { operatorId: 'ghost' }, 'not-found', /no operator "ghost"/],
    ['a Clerk', 'real', { operatorId: 'clerk' }, 'not-allowed', /clerk is a Clerk: only a Supervisor/],
    ['a Trainee in the real journal', 'real', { operatorId: 'trainee' }, 'not-allowed', /Trainee/],
    [
      'a Clerk in a training journal',
      'training',
      { operatorId: 'clerk' },
      'not-allowed',
      /only a Supervisor or a Trainee may/,
    ],
    ['a blank reason', 'real', { reason: '   ' }, 'invalid', /reason is required/],
    ['a short reason', 'real', { reason: '  too short ' }, 'invalid', /too short \(9 characters\)/],
    ['an unknown status', 'real', { status: 'Teleported' }, 'invalid', /unknown status "Teleported".*floor-rules/],
    ['the 1998 status the floor rules do not know', 'real', { status: 'PostPicking' }, 'invalid', /unknown status/],
    [
      'an unknown order',
      'real',
      { orderId: 'nope', correctsEventId: undefined },
      'not-found',
      /order "nope" is not in the journal/,
    ],
    ['an event of another order', 'real', { correctsEventId: 's-1345701-05' }, 'invalid', /belongs to order "1345701"/],
    [
      'an event that does not exist',
      'real',
      { correctsEventId: 'nope' },
      'invalid',
      /event "nope" is not in the journal/,
    ],
    [
      'a stale view of the order',
      'real',
      { expectedSeq: 7 },
      'stale',
      /^order 1345693 has changed since you opened it: its last event is now seq 8, you saw seq 7\. Nothing was written; reload the order\.$/,
    ],
  ];
  it.each(refusals)('refuses %s and writes nothing', (_what, kind, change, code, message) => {
    const journal = missingPackage(kind);
    const r = refusal(() => journal.correct({ ...putBack, ...change }));
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
    expect(journal.lastSeq()).toBe(23);
    expect(journal.order('1345693')).toMatchObject({ status: 'PendingPicking', openAnomalies: 1 });
  });

  it('refuses a second correction made against the same view of the order', () => {
    const journal = missingPackage();
    journal.correct(putBack);
    expect(refusal(() => journal.correct(putBack)).code).toBe('stale');
  });
});

describe('dismiss', () => {
  it('resolves the flag of a false alarm without changing the status', () => {
    const journal = withOperators(freshJournal());
    journal.appendBatch([created('1'), statusTo('1', 'PendingPicking'), statusTo('1', 'PendingPicking')], 'a');
    const noChange = journal.history('1')[2]!;
    expect(noChange.anomalies.map((a) => a.kind)).toEqual(['no-change']);
    const appended = journal.dismiss({
      operatorId: 'sup',
      orderId: '1',
      dismissesEventId: noChange.eventId,
      reason: 'The webhook re-sent it, nothing is wrong',
      expectedSeq: 3,
    });
    expect(appended).toMatchObject({ seq: 4, status: 'PendingPicking' });
    expect(journal.event({ seq: 4 })).toMatchObject({
      type: 'AnomalyDismissed',
      data: { dismissesEventId: noChange.eventId, reason: 'The webhook re-sent it, nothing is wrong' },
    });
    expect(journal.order('1')).toMatchObject({ status: 'PendingPicking', openAnomalies: 0, lastSeq: 4 });
    expect(journal.event({ seq: 3 })!.anomalies[0]).toMatchObject({ open: false, resolvedBySeq: 4 });
    expect(journal.verify().ok).toBe(true);
  });

  it.each([
    ['an unknown operator', { operatorId: 'ghost' }, 'not-found'],
    ['a Clerk', { operatorId: 'clerk' }, 'not-allowed'],
    ['a short reason', { reason: 'nah' }, 'invalid'],
    ['an unknown order', { orderId: 'x' }, 'not-found'],
    ['an event without open anomalies', { dismissesEventId: 's-1345693-07' }, 'invalid'],
    ['an event of another order', { dismissesEventId: 's-1345701-05' }, 'invalid'],
    ['a stale view', { expectedSeq: 3 }, 'stale'],
  ] as const)('refuses %s', (_what, change, code) => {
    const journal = missingPackage();
    const r = refusal(() =>
      journal.dismiss({
        operatorId: 'sup',
        orderId: '1345693',
        dismissesEventId: 's-1345693-08',
        reason: 'It really was fine on the floor',
        expectedSeq: 8,
        ...change,
      }),
    );
    expect(r.code).toBe(code);
    expect(journal.lastSeq()).toBe(23);
  });

  it('refuses to dismiss a flag that a correction already resolved', () => {
    const journal = missingPackage();
    journal.correct(putBack);
    const r = refusal(() =>
      journal.dismiss({
        operatorId: 'sup',
        orderId: '1345693',
        dismissesEventId: 's-1345693-08',
        reason: 'was fine after all',
      }),
    );
    expect(r).toMatchObject({ code: 'invalid', message: expect.stringMatching(/no open anomaly/) });
  });
});
