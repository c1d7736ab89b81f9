/**
 * The rule tools against real journals: the preview must count exactly what a journal records
 * when it is fed the same history under that rule set, and an activation (and its revert) must
 * be recorded and take effect from the next event on.
 */
import { describe, expect, it } from 'vitest';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import type { EventRecord } from '../../shared/contract/records';
import { ruleSetHash, type IncomingEvent, type Journal } from '../../electron/journal';
import { activate, activationHistory, previousRuleSet, ruleSetsOverview } from '../../electron/rules/activation';
import { observedInJournal, previewInJournal } from '../../electron/rules/replayJournal';
import { LedgerJobs } from '../../electron/worker/ledgerJobs';
import { freshJournal, statusTo, created, withOperators } from '../journal/helpers';
import { floorHistory } from './floorHistory';
import { previewRuleSet } from '../../shared/rules/preview';
import { observeTransitions } from '../../shared/rules/observed';

const asIncoming = (events: readonly OrderEvent[]): IncomingEvent[] =>
  events.map((event, i) => ({ event, instant: instantOf(event.timestamp), line: i + 1 }));

/** What a journal flagged, summed from its own records. */
function recorded(journal: Journal) {
  const byKind: Record<string, number> = {};
  let total = 0;
  let flaggedEvents = 0;
  const all: EventRecord[] = [...journal.iterateEvents()];
  for (const e of all) {
    if (e.anomalies.length) flaggedEvents += 1;
    for (const a of e.anomalies) {
      byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
      total += 1;
    }
  }
  return { total, flaggedEvents, byKind };
}

describe('the preview counts what a journal would record', () => {
  const history = floorHistory(400, 21);

  it('1998 handbook: the preview of the real journal equals a fresh journal imported under 1998', async () => {
    const real = freshJournal();
    real.appendBatch(asIncoming(history), 'floor.ndjson');

    const under1998 = withOperators(freshJournal());
    activate(under1998, HANDBOOK_1998, { operatorId: 'sup', reason: 'what the printed handbook would flag' });
    under1998.appendBatch(asIncoming(history), 'floor.ndjson');

    const p = await previewInJournal(real, HANDBOOK_1998, { slice: 997 });
    const theirs = recorded(under1998);
    expect({ total: p.flagged.total, flaggedEvents: p.flagged.flaggedEvents, byKind: p.flagged.byKind }).toEqual(
      theirs,
    );
    // …and the rules in force are the real journal's own flags.
    expect({ total: p.current.total, flaggedEvents: p.current.flaggedEvents, byKind: p.current.byKind }).toEqual(
      recorded(real),
    );
    expect(p.events).toBe(history.length);
    // The flood: far more than the floor rules flag.
    expect(p.flagged.total).toBeGreaterThan(5 * p.current.total);
    expect(p.cancelled).toBe(false);
  });

  it('floor rules previewed on a journal kept under 1998 give back the floor rules journal', async () => {
    const under1998 = withOperators(freshJournal());
    activate(under1998, HANDBOOK_1998, { operatorId: 'sup', reason: 'the printed handbook, for a while' });
    under1998.appendBatch(asIncoming(history), 'floor.ndjson');
    const real = freshJournal();
    real.appendBatch(asIncoming(history), 'floor.ndjson');
    const p = await previewInJournal(under1998, FLOOR_RULES);
    expect({ total: p.flagged.total, flaggedEvents: p.flagged.flaggedEvents, byKind: p.flagged.byKind }).toEqual(
      recorded(real),
    );
    expect(p.current.ruleSet.key).toBe('training-handbook-1998@1');
    expect(p.onlyCurrent.byTransition['Picked → Packed']).toBeGreaterThan(0);
  });

  it('runs as a job with progress, and a cancelled job says so and covers what it replayed', async () => {
    const real = freshJournal();
    real.appendBatch(asIncoming(history), 'floor.ndjson');
    const progress: number[] = [];
    const jobs = new LedgerJobs();
    const id = jobs.start('rules-preview', async (ctx) => ({
      result: await previewInJournal(real, HANDBOOK_1998, {
        // Slices by count alone, so where they end does not depend on this machine's speed.
        slice: 500,
        sliceMs: Infinity,
        signal: ctx.signal,
        onProgress: (done, total) => {
          progress.push(done);
          ctx.progress(done, total, 'replaying');
          if (done >= 1000) jobs.cancel(id);
        },
      }),
    }));
    await jobs.whenFinished(id);
    const s = jobs.state<Awaited<ReturnType<typeof previewInJournal>>>(id)!;
    expect(s.state).toBe('done');
    expect(s.result?.cancelled).toBe(true);
    expect(s.result?.events).toBe(1000);
    expect(progress).toEqual([0, 500, 1000]);
    expect(s.done).toBe(1000);

    const whole = jobs.start('rules-preview', async () => ({ result: await previewInJournal(real, HANDBOOK_1998) }));
    const w = await jobs.whenFinished<Awaited<ReturnType<typeof previewInJournal>>>(whole);
    expect(w?.result?.events).toBe(history.length);
  });

  it('a failing job reports its message', async () => {
    const jobs = new LedgerJobs(undefined, () => {});
    const id = jobs.start('rules-observed', () => Promise.reject(new Error('the journal file is gone')));
    expect((await jobs.whenFinished(id))?.error).toBe('the journal file is gone');
    expect(jobs.state(id)?.state).toBe('failed');
  });

  it('the lean replay read gives what a replay of the full records gives, in small slices too', async () => {
    const real = freshJournal();
    real.appendBatch(asIncoming(history), 'floor.ndjson');
    const full = [...real.iterateEvents()];
    expect(full.some((e) => e.anomalies.length > 0)).toBe(true);
    const current = real.activeRuleSet().ruleSet;
    const p = await previewInJournal(real, HANDBOOK_1998, { slice: 7 });
    expect(p).toEqual(previewRuleSet(full, HANDBOOK_1998, current));
    const m = await observedInJournal(real, {}, { slice: 13 });
    expect(m).toEqual(observeTransitions(full, current));
  });

  it('observes the journal’s transitions with the flags it recorded', async () => {
    const real = freshJournal();
    real.appendBatch(asIncoming(history), 'floor.ndjson');
    const m = await observedInJournal(real);
    const missing = m.cells.find((c) => c.from === 'Packed' && c.to === 'PendingPicking');
    expect(missing?.count).toBeGreaterThan(0);
    expect(missing?.flagged).toBe(missing?.count);
    expect(m.cells.find((c) => c.from === 'Picked' && c.to === 'Packed')?.flagged).toBe(0);
  });
});

describe('a journal kept under the 1998 handbook', () => {
  it('holds PostPicking, which a preview of the floor rules names as a status it does not know', async () => {
    const j = withOperators(freshJournal());
    activate(j, HANDBOOK_1998, { operatorId: 'sup', reason: 'the printed handbook, for a while' });
    const o = 'B-1';
    j.appendBatch(
      [
        created(o),
        statusTo(o, 'PendingPicking'),
        statusTo(o, 'Picking'),
        statusTo(o, 'Picked'),
        statusTo(o, 'PostPicking'),
        statusTo(o, 'Packed', 'Packer'),
      ],
      'f',
    );
    expect([...j.iterateEvents()].flatMap((e) => e.anomalies)).toEqual([]);
    const p = await previewInJournal(j, FLOOR_RULES);
    expect(p.unknownStatuses).toEqual(['PostPicking']);
    expect(p.onlyCandidate.byTransition).toEqual({ 'Picked → PostPicking': 1, 'PostPicking → Packed': 1 });
    const m = await observedInJournal(j);
    expect(m.statuses).toContain('PostPicking');
    expect(m.cells.find((c) => c.from === 'PostPicking' && c.to === 'Packed')?.allowance).toBe('anyone');
  });
});

describe('activation and revert', () => {
  it('are recorded with content, hash and reason, and take effect from the next event on', () => {
    const j = withOperators(freshJournal());
    const o = 'A-1';
    j.appendBatch([created(o), statusTo(o, 'PendingPicking'), statusTo(o, 'Picking'), statusTo(o, 'Picked')], 'f');

    const on = activate(j, HANDBOOK_1998, { operatorId: 'sup', reason: 'trying the printed handbook' });
    expect(on.hash).toBe(ruleSetHash(HANDBOOK_1998));
    const event = j.event({ seq: on.seq })!;
    expect(event.type).toBe('RuleSetActivated');
    expect(event.orderId).toBe('(rules)');
    expect(event.data).toMatchObject({
      ruleSetId: HANDBOOK_1998.id,
      version: 1,
      hash: on.hash,
      ruleSet: HANDBOOK_1998,
    });
    // "(rules)" is not an order.
    expect(j.order('(rules)')).toBeUndefined();
    expect(j.orders().map((r) => r.orderId)).toEqual([o]);
    expect(j.statusCounts()).toEqual({ Picked: 1 });

    // Under 1998 the floor's everyday Picked → Packed is illegal.
    const packed = j.appendBatch([statusTo(o, 'Packed', 'Packer')], 'f');
    const flagged = j.event({ seq: packed.lastSeq })!;
    expect(flagged.ruleSetId).toBe('training-handbook-1998@1');
    expect(flagged.anomalies.map((a) => a.kind)).toEqual(['illegal-transition']);

    // Revert: activate the previous set again. The events already recorded keep their flags.
    const before = previousRuleSet(j);
    expect(before?.key).toBe('floor-rules@2');
    activate(j, before!.ruleSet, { operatorId: 'sup', reason: 'the team leads cannot work like this' });
    const o2 = 'A-2';
    const after = j.appendBatch(
      [
        created(o2),
        statusTo(o2, 'PendingPicking'),
        statusTo(o2, 'Picking'),
        statusTo(o2, 'Picked'),
        statusTo(o2, 'Packed', 'Packer'),
      ],
      'f',
    );
    const fine = j.event({ seq: after.lastSeq })!;
    expect(fine.ruleSetId).toBe('floor-rules@2');
    expect(fine.anomalies).toEqual([]);
    expect(j.event({ seq: packed.lastSeq })!.anomalies.map((a) => a.kind)).toEqual(['illegal-transition']);

    const history = activationHistory(j);
    expect(history.map((h) => h.key)).toEqual(['floor-rules@2', 'training-handbook-1998@1', 'floor-rules@2']);
    expect(history.map((h) => h.reason)).toEqual([
      null,
      'trying the printed handbook',
      'the team leads cannot work like this',
    ]);
    expect(history[1]?.activatedBy?.id).toBe('sup');
    expect(ruleSetsOverview(j).active.key).toBe('floor-rules@2');
  });

  it('is refused to anyone but a Supervisor, without a reason, or for the set already in force', () => {
    const j = withOperators(freshJournal());
    expect(() => activate(j, HANDBOOK_1998, { operatorId: 'clerk', reason: 'I would like to try it' })).toThrow(
      /only a Supervisor/,
    );
    expect(() => activate(j, HANDBOOK_1998, { operatorId: 'sup', reason: 'why' })).toThrow(/reason is too short/);
    expect(() => activate(j, FLOOR_RULES, { operatorId: 'sup', reason: 'already the floor rules' })).toThrow(
      /already in force/,
    );
    expect(j.lastSeq()).toBe(0);
  });
});
