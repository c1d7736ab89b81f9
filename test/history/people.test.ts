/**
 * What one person did: working hours read on the floor's wall clock, and `activity` on the night
 * of the missing package, where Walter's 20:34 change is after hours and was corrected by Sue.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../shared/contract/people';
import { isAfterHours, workingHoursSchema } from '../../shared/people/workingHours';
import { parseRuleSet } from '../../shared/rules/ruleSet';
import { draftOf, ruleSetOf } from '../../renderer/rules/ruleTable';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import { personActivity } from '../../electron/people/activity';
import { correctedMissingPackage, created, freshJournal, incoming } from '../journal/helpers';
import { run } from './cli';

const DAY = { from: '06:00', to: '18:00', days: [1, 2, 3, 4, 5] };

describe('working hours', () => {
  it('reads the time on the wall clock the event was written with', () => {
    const hours = { TeamLead: DAY };
    // Thursday 26 November 2026.
    expect(isAfterHours('2026-11-26T20:34:11-05:00', 'TeamLead', hours)).toBe(true);
    expect(isAfterHours('2026-11-26T17:59:59-05:00', 'TeamLead', hours)).toBe(false);
    expect(isAfterHours('2026-11-26T18:00:00-05:00', 'TeamLead', hours)).toBe(true);
    expect(isAfterHours('2026-11-26T05:59:00+09:00', 'TeamLead', hours)).toBe(true);
    expect(isAfterHours('2026-11-26T06:00:00Z', 'TeamLead', hours)).toBe(false);
    // Saturday, and a role with no hours set.
    expect(isAfterHours('2026-11-28T10:00:00-05:00', 'TeamLead', hours)).toBe(true);
    expect(isAfterHours('2026-11-26T23:00:00-05:00', 'Picker', hours)).toBe(false);
    expect(isAfterHours('2026-11-26T23:00:00-05:00', 'TeamLead', undefined)).toBe(false);
  });

  it('a night shift runs across midnight, from the day it began', () => {
    const hours = { Shipper: { from: '22:00', to: '06:00', days: [5] } };
    expect(isAfterHours('2026-11-27T23:00:00-05:00', 'Shipper', hours)).toBe(false); // Friday night
    expect(isAfterHours('2026-11-28T03:00:00-05:00', 'Shipper', hours)).toBe(false); // its small hours
    expect(isAfterHours('2026-11-28T07:00:00-05:00', 'Shipper', hours)).toBe(true);
    expect(isAfterHours('2026-11-27T03:00:00-05:00', 'Shipper', hours)).toBe(true); // Thursday's night
  });

  it('a rule set names them per role, checked like the rest of it', () => {
    expect(parseRuleSet({ ...FLOOR_RULES, workingHours: { TeamLead: DAY } }).ok).toBe(true);
    const bad = parseRuleSet({ ...FLOOR_RULES, workingHours: { TeamLead: { from: '25:00', to: '18:00' } } });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems).toEqual([expect.stringContaining('workingHours.TeamLead.from')]);
    expect(workingHoursSchema.safeParse({ Janitor: DAY }).success).toBe(false);
  });

  it('editing the transition table keeps the working hours', () => {
    const withHours = { ...FLOOR_RULES, workingHours: { TeamLead: DAY }, flagAfterHours: true };
    const edited = ruleSetOf(draftOf(withHours));
    expect(edited.ok && edited.ruleSet.workingHours).toEqual({ TeamLead: DAY });
    expect(edited.ok && edited.ruleSet.flagAfterHours).toBe(true);
  });
});

function nightWithHours() {
  const journal = correctedMissingPackage();
  journal.activateRuleSet(
    { ...FLOOR_RULES, version: 3, workingHours: { TeamLead: DAY } },
    { operatorId: 'sup', reason: 'Team leads work days only' },
  );
  return journal;
}

describe('activity', () => {
  it("Walter's 20:34 change stands out: flagged, after hours, corrected by Sue with her reason", () => {
    const journal = nightWithHours();
    const report = personActivity(journal, { initiator: 'walter chin' });
    expect(report.person).toMatchObject({ id: 'wchin', name: 'Walter Chin', role: 'TeamLead' });
    expect(report.shift).toEqual(DAY);
    expect(personActivity(journal, { initiator: 'aruiz' }).shift).toBeNull();
    const walter = report.entries.find((e) => e.event.eventId === 's-1345693-08')!;
    expect(walter.afterHours).toBe(true);
    expect(walter.event.anomalies).toEqual([expect.objectContaining({ open: false })]);
    expect(walter.followUps).toEqual([
      expect.objectContaining({
        type: 'StatusCorrected',
        status: 'Packed',
        by: expect.objectContaining({ id: 'sup' }),
        reason: 'Found on the packing bench',
      }),
    ]);
    expect(report.afterHours).toBe(report.entries.filter((e) => e.afterHours).length);
    expect(report.corrected).toBeGreaterThanOrEqual(1);

    // The office's own events are someone's activity too.
    const sue = personActivity(journal, { initiator: 'sup' });
    expect(sue.entries.map((e) => e.event.type)).toEqual(['StatusCorrected', 'RuleSetActivated']);
  });

  it('a time range keeps what happened in it; an unknown or shared name is refused', () => {
    const journal = nightWithHours();
    const all = personActivity(journal, { initiator: 'aruiz' });
    const afternoon = personActivity(journal, {
      initiator: 'aruiz',
      from: '2026-11-26T13:00:00-05:00',
      to: '2026-11-26T13:59:59-05:00',
    });
    expect(afternoon.entries.length).toBeGreaterThan(0);
    expect(afternoon.entries.length).toBeLessThan(all.entries.length);
    for (const e of afternoon.entries) expect(e.event.timestamp).toMatch(/^2026-11-26T13:/);
    expect(() => personActivity(journal, { initiator: 'nobody' })).toThrow(/nobody with the id or name "nobody"/);
    expect(() => personActivity(journal, { initiator: 'aruiz', from: 'noon' })).toThrow(/"from" "noon"/);

    const twins = freshJournal();
    twins.appendBatch(
      [
        created('1'),
        incoming('1', 'StatusChanged', { status: 'PendingPicking' }, 'Picker', {
          initiatedBy: { id: 'p1', name: 'Sam Lee', role: 'Picker' },
        }),
        incoming('1', 'StatusChanged', { status: 'Picking' }, 'Picker', {
          initiatedBy: { id: 'p2', name: 'Sam Lee', role: 'Picker' },
        }),
      ],
      'x',
    );
    expect(() => personActivity(twins, { initiator: 'Sam Lee' })).toThrow(/2 people are called "Sam Lee".*p1, p2/);
    expect(personActivity(twins, { initiator: 'p2' }).entries).toHaveLength(1);
  });

  it('from the command line, for people and as JSON', async () => {
    const journal = nightWithHours();
    const db = journal.path;
    const text = await run(['activity', '--initiator', 'wchin', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Walter Chin (wchin, TeamLead)');
    expect(text.out).toContain('working hours 06:00–18:00 Mon, Tue, Wed, Thu, Fri');
    expect(text.out).toMatch(/20:34:11-05:00 {2}after hours/);
    expect(text.out).toContain('corrected to Packed by Sue Supervisor');
    const json = (await run(['activity', '--initiator', 'wchin', '--db', db, '--json'])).json<ActivityReport>();
    expect(json.afterHours).toBeGreaterThan(0);
    const missing = await run(['activity', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--initiator');
    const nobody = await run(['activity', '--initiator', 'ghost', '--db', db]);
    expect(nobody.code).toBe(2);
    expect(nobody.err).toContain('nobody with the id or name "ghost"');
  });
});
