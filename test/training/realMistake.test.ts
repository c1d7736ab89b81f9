/**
 * "Practise on a real mistake": a Supervisor turns a flagged event of the real journal into a
 * scenario, with people's names and ids replaced, saved in the user data folder's scenarios/.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal/journal';
import { TrainingDesk } from '../../electron/training/desk';
import { trainingHandlers } from '../../electron/worker/handlers/training';
import { HANDBOOK_STATUSES, instantOf, parseEnvelope } from '../../shared/events/envelope';
import { handbookScenarios } from '../../shared/training/handbook';
import { parseScenario } from '../../shared/training/scenario';
import { grade } from '../../shared/training/grade';

let dir: string;
let real: Journal;
const REASON = 'Found physically on the packing bench';
const sue = { id: 'sup', name: 'Sue Supervisor' };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'training-real-'));
  real = Journal.open(join(dir, 'ledger.sqlite'));
  real.addOperator({ id: 'sup', name: 'Sue Supervisor', role: 'Supervisor', password: 'correct horse' });
  const events = handbookScenarios()
    .filter((s) => ['missing-package', 'packed-twice'].includes(s.id))
    .flatMap((s) => s.history)
    .map((e) => {
      const r = parseEnvelope(e, { statuses: HANDBOOK_STATUSES });
      if (!r.ok) throw new Error(r.reason);
      return { event: r.event, instant: instantOf(e.timestamp) };
    });
  real.appendBatch(events, 'night.ndjson');
});
afterEach(() => {
  real.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a real anomaly becomes a scenario', () => {
  it('copies the history up to the flagged event, with people, customer and ids replaced', () => {
    const desk = new TrainingDesk({ realJournalPath: real.path });
    const summary = desk.scenarioFromAnomaly(real, sue, { eventId: 's-1345693-08' });
    expect(summary).toMatchObject({ id: 'real-1', orderId: 'T0001', kinds: ['illegal-transition'], events: 8 });
    const file = join(dir, 'scenarios', 'real-1.json');
    const text = readFileSync(file, 'utf8');
    for (const secret of ['Walter Chin', 'wchin', 'Ana Ruiz', 'aruiz', 'Tom Nguyen', 'Hillside Dental', '1345693']) {
      expect(text, secret).not.toContain(secret);
    }
    const parsed = parseScenario(JSON.parse(text));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const s = parsed.scenario;
    expect(s.expected).toEqual({ action: 'correct', eventId: 'T0001-08', status: 'Packed' });
    expect(s.origin).toMatchObject({ kind: 'real', kinds: ['illegal-transition'], createdBy: 'sup' });
    // The default title is on the list before anyone practises: it does not name the anomaly.
    expect(s.title).toBe('A real mistake on order T0001');
    expect(summary.title).toBe(s.title);
    expect(s.title).not.toMatch(/illegal|transition|not-permitted|after-final|duplicate|clock/i);
    // Roles, statuses and times are what the case is about: kept.
    expect(s.history.map((e) => e.initiatedBy.role)).toEqual(
      handbookScenarios()[0]!.history.map((e) => e.initiatedBy.role),
    );
    expect(s.history.map((e) => e.timestamp)).toEqual(handbookScenarios()[0]!.history.map((e) => e.timestamp));
    // The same person gets the same pseudonym throughout.
    const picker = s.history.filter((e) => e.initiatedBy.role === 'Picker').map((e) => e.initiatedBy.id);
    expect(new Set(picker).size).toBe(1);
    expect(s.explanation).toContain('Packed → PendingPicking is not an allowed change');
  });

  it('the new scenario is listed and a trainee can practise it', () => {
    const desk = new TrainingDesk({ realJournalPath: real.path });
    desk.scenarioFromAnomaly(real, sue, { eventId: 's-1345693-08', title: 'The night of 26 November' });
    const listed = desk.listScenarios().find((x) => x.id === 'real-1');
    expect(listed?.title).toBe('The night of 26 November');
    // A fresh desk (another window, a restart) finds it in the folder.
    const other = new TrainingDesk({ realJournalPath: real.path });
    other.start({ id: 'ann', name: 'Ann' }, 'real-1');
    const r = other.submit({ id: 'ann', name: 'Ann' }, 'real-1', {
      action: 'correct',
      eventId: 'T0001-08',
      status: 'Packed',
      reason: REASON,
    });
    expect(r.grade.passed).toBe(true);
    expect(r.refusal).toBeNull();
  });

  it("when the office already resolved it, the office's answer is the expected one", () => {
    const id = handbookScenarios()
      .find((s) => s.id === 'packed-twice')!
      .history.at(-1)!.eventId;
    const orderId = '1346019';
    real.dismiss({ operatorId: 'sup', orderId, dismissesEventId: id, reason: 'Scanner sent Packed twice, checked' });
    const desk = new TrainingDesk({ realJournalPath: real.path });
    desk.scenarioFromAnomaly(real, sue, { eventId: id });
    const s = desk.scenario('real-1');
    expect(s.expected).toEqual({ action: 'dismiss', eventId: 'T0001-07' });
    expect(s.history.some((e) => e.type === 'AnomalyDismissed')).toBe(false);
    expect(grade(s, { action: 'dismiss', eventId: 'T0001-07', reason: REASON }).passed).toBe(true);
  });

  it('each new scenario gets the next free id; an event without a flag is refused', () => {
    const desk = new TrainingDesk({ realJournalPath: real.path });
    desk.scenarioFromAnomaly(real, sue, { eventId: 's-1345693-08' });
    desk.scenarioFromAnomaly(real, sue, { eventId: 's-1345693-08' });
    expect(readdirSync(join(dir, 'scenarios')).sort()).toEqual(['real-1.json', 'real-2.json']);
    expect(() => desk.scenarioFromAnomaly(real, sue, { eventId: 's-1345693-02' })).toThrow('carries no anomaly');
    expect(() => desk.scenarioFromAnomaly(real, sue, { eventId: 'nope' })).toThrow('no event "nope"');
  });

  it('through the channel, for a Supervisor', () => {
    const ctx = {
      journal: real,
      operator: real.getOperator('sup') ?? null,
      session: { id: 'window-1', operatorId: 'sup', practice: null },
      desk: new TrainingDesk({ realJournalPath: real.path }),
    };
    const summary = trainingHandlers.scenarioFromAnomaly(ctx, { eventId: 's-1345693-08' });
    expect(summary.origin.kind).toBe('real');
  });
});
