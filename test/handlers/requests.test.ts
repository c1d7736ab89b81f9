import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorrectionRequestRecord } from '../../shared/contract/requests';
import { answer, openFixture, SAMPLES, session, type Fixture } from './fixture';

/** The missing package: Walter Chin set the packed order 1345693 back to PendingPicking. */
const ORDER = '1345693';
const FLAGGED = 's-1345693-08';
const DRAFT = { orderId: ORDER, correctsEventId: FLAGGED, status: 'Packed' };
const REASON = 'Found physically at the packing bench, set back by mistake';

describe('a Clerk hands a wrong status to a Supervisor', () => {
  let f: Fixture;
  const sue = session('window-sue');
  const cleo = session('window-cleo');
  const tim = session('window-tim');

  beforeEach(async () => {
    f = openFixture();
    answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue Park', password: 'password-1' }, sue));
    answer(await f.call('addOperator', { id: 'cleo', name: 'Cleo Ruiz', role: 'Clerk', password: 'password-2' }, sue));
    answer(await f.call('addOperator', { id: 'tim', name: 'Tim', role: 'Trainee', password: 'password-3' }, sue));
    answer(await f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, cleo));
    answer(await f.call('signIn', { operatorId: 'tim', password: 'password-3' }, tim));
    answer(await f.call('importFiles', { files: f.choose(sue, [join(SAMPLES, 'missing-package.ndjson')]) }, sue));
    await f.services.longJobs.idle();
  });
  afterEach(() => f.close());

  const lastSeq = () => f.services.journal.order(ORDER)!.lastSeq;
  const requests = async (s = sue, open = true) =>
    answer<{ rows: CorrectionRequestRecord[] }>(await f.call('correctionRequests', { open }, s)).rows;

  async function send(note = 'Checked with Walter on the phone') {
    return answer<{ seq: number; eventId: string }>(
      await f.call('requestCorrection', { ...DRAFT, reason: REASON, note, expectedSeq: lastSeq() }, cleo),
    );
  }

  it('records the request in the journal, in the Clerk’s name, and lists it for the Supervisor with who asked and why', async () => {
    const statusBefore = f.services.journal.order(ORDER)!.status;
    const sent = await send();
    const event = f.services.journal.event({ seq: sent.seq })!;
    expect(event).toMatchObject({
      type: 'CorrectionRequested',
      orderId: ORDER,
      initiatedBy: { id: 'cleo', name: 'Cleo Ruiz', role: 'Clerk' },
      source: 'operator:cleo',
      data: { correctsEventId: FLAGGED, status: 'Packed', reason: REASON, note: 'Checked with Walter on the phone' },
      anomalies: [],
    });
    // Asking changes nothing: the status stays and the flag stays open until a Supervisor acts.
    expect(f.services.journal.order(ORDER)!.status).toBe(statusBefore);
    expect(f.services.journal.event({ eventId: FLAGGED })!.anomalies.some((a) => a.open)).toBe(true);
    expect(await requests()).toEqual([
      expect.objectContaining({
        eventId: sent.eventId,
        orderId: ORDER,
        correctsEventId: FLAGGED,
        status: 'Packed',
        reason: REASON,
        note: 'Checked with Walter on the phone',
        requestedBy: { id: 'cleo', name: 'Cleo Ruiz', role: 'Clerk' },
        state: 'open',
        endedBy: null,
      }),
    ]);
    expect((await f.call('verify', {}, sue)).ok).toBe(true);
  });

  it('ends when the Supervisor corrects the flagged event it names', async () => {
    const sent = await send();
    const corrected = answer<{ seq: number }>(
      await f.call('correct', { ...DRAFT, reason: REASON, expectedSeq: lastSeq() }, sue),
    );
    expect(await requests()).toEqual([]);
    const [ended] = await requests(cleo, false);
    expect(ended).toMatchObject({
      eventId: sent.eventId,
      state: 'corrected',
      endedBy: { seq: corrected.seq, operator: { id: 'sue', name: 'Sue Park' }, status: 'Packed' },
    });
  });

  it('ends when the Supervisor declines it, with the reason, and cannot be declined twice', async () => {
    const sent = await send();
    const why = 'Walter was right: the order went back for a missing glove box';
    const declined = answer<{ seq: number }>(
      await f.call('declineRequest', { requestEventId: sent.eventId, reason: why }, sue),
    );
    expect(f.services.journal.event({ seq: declined.seq })).toMatchObject({
      type: 'CorrectionDeclined',
      orderId: ORDER,
      initiatedBy: { id: 'sue', role: 'Supervisor' },
      data: { requestEventId: sent.eventId, reason: why },
    });
    const [ended] = await requests(sue, false);
    expect(ended).toMatchObject({ state: 'declined', endedBy: { seq: declined.seq, reason: why, status: null } });
    // The flag stays open: declining a request is not dismissing the flag.
    expect(f.services.journal.event({ eventId: FLAGGED })!.anomalies.some((a) => a.open)).toBe(true);
    const again = await f.call('declineRequest', { requestEventId: sent.eventId, reason: why }, sue);
    expect(!again.ok && again.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/declined/) });
    // …and the Clerk may ask again.
    expect((await send('Asked the packing bench again')).seq).toBeGreaterThan(declined.seq);
  });

  it('keeps declining to Supervisors, asking from Trainees, and one waiting request per flagged event', async () => {
    const sent = await send();
    const clerkDeclines = await f.call('declineRequest', { requestEventId: sent.eventId, reason: REASON }, cleo);
    expect(!clerkDeclines.ok && clerkDeclines.error.code).toBe('not-allowed');
    const trainee = await f.call('requestCorrection', { ...DRAFT, reason: REASON, expectedSeq: lastSeq() }, tim);
    expect(!trainee.ok && trainee.error.code).toBe('not-allowed');
    const twice = await f.call('requestCorrection', { ...DRAFT, reason: REASON, expectedSeq: lastSeq() }, cleo);
    expect(!twice.ok && twice.error).toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/Cleo Ruiz already asked/),
    });
  });

  it('refuses a short reason, a stale form and an event without an open flag, writing nothing', async () => {
    const before = f.services.journal.lastSeq();
    const short = await f.call('requestCorrection', { ...DRAFT, reason: 'wrong', expectedSeq: lastSeq() }, cleo);
    expect(!short.ok && short.error.message).toMatch(/too short/);
    const stale = await f.call('requestCorrection', { ...DRAFT, reason: REASON, expectedSeq: lastSeq() - 1 }, cleo);
    expect(!stale.ok && stale.error.code).toBe('stale');
    const unflagged = f.services.journal.history(ORDER).find((e) => e.anomalies.length === 0)!;
    const clean = await f.call(
      'requestCorrection',
      { ...DRAFT, correctsEventId: unflagged.eventId, reason: REASON, expectedSeq: lastSeq() },
      cleo,
    );
    expect(!clean.ok && clean.error.message).toMatch(/no open flag/);
    expect(f.services.journal.lastSeq()).toBe(before);
  });

  it('refuses a request typed into an import file, like every office event', async () => {
    const file = join(f.dir, 'typed.ndjson');
    const typed = {
      eventId: 'x-1',
      type: 'CorrectionRequested',
      orderId: ORDER,
      initiatedBy: { id: 'cleo', role: 'Clerk' },
      timestamp: '2026-11-27T08:15:00-05:00',
      data: { correctsEventId: FLAGGED, status: 'Packed', reason: REASON },
    };
    writeFileSync(file, JSON.stringify(typed) + '\n');
    answer(await f.call('importFiles', { files: f.choose(sue, [file]) }, sue));
    await f.services.longJobs.idle();
    expect(f.services.journal.event({ eventId: 'x-1' })).toBeUndefined();
    expect(await requests()).toEqual([]);
  });
});
