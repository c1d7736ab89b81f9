/**
 * The handbook's training cases (handbook §7): every file valid, every case has exactly the one
 * mistake its answer names (or none), and together they cover every row of the floor rules and
 * every anomaly kind — computed by replaying the histories, never from a hand-written list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANDBOOK_SCENARIO_FILES } from '../../shared/training/catalog';
import { handbookScenarios } from '../../shared/training/handbook';
import { coverageReport, describeGaps, scenarioCoverage } from '../../shared/training/coverage';
import { parseScenario } from '../../shared/training/scenario';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { ANOMALY_KINDS, OPT_IN_KINDS } from '../../shared/rules/evaluate';
import { transitionRows, type RuleSet } from '../../shared/rules/ruleSet';

const DIR = join(import.meta.dirname, '../../training/scenarios');
const scenarios = handbookScenarios();

describe('the scenario files', () => {
  it('the catalog bundles exactly the JSON files of training/scenarios', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(HANDBOOK_SCENARIO_FILES.map((f) => f.file).sort()).toEqual(files);
    for (const f of HANDBOOK_SCENARIO_FILES) {
      expect(f.json).toEqual(JSON.parse(readFileSync(join(DIR, f.file), 'utf8')));
    }
  });

  it('each file is named after its id, and ids are unique', () => {
    for (const f of HANDBOOK_SCENARIO_FILES) expect(`${(f.json as { id: string }).id}.json`).toBe(f.file);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
  });

  it('there are between 25 and 35 compact cases', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
    expect(scenarios.length).toBeLessThanOrEqual(35);
    for (const s of scenarios) expect(s.history.length).toBeLessThanOrEqual(12);
  });

  it('the missing-package case is the handbook sample order, set back from Packed', () => {
    const s = scenarios.find((x) => x.id === 'missing-package');
    expect(s?.orderId).toBe('1345693');
    expect(s?.expected).toEqual({ action: 'correct', eventId: 's-1345693-08', status: 'Packed' });
  });

  it('includes "no correction needed" cases, a legal hold and release among them', () => {
    const none = scenarios.filter((s) => s.expected.action === 'none');
    expect(none.length).toBeGreaterThanOrEqual(2);
    const releases = none.filter((s) => scenarioCoverage(s, FLOOR_RULES).rows.includes('OnHold→$beforeHold'));
    expect(releases.length).toBeGreaterThanOrEqual(1);
  });
});

describe('each case has the one mistake its answer names', () => {
  for (const s of scenarios) {
    it(s.id, () => {
      const c = scenarioCoverage(s, FLOOR_RULES);
      const flagged = c.events.filter((e) => e.kinds.length > 0);
      if (s.expected.action === 'none') {
        expect(flagged, 'a "no correction needed" history must raise no flag').toEqual([]);
        return;
      }
      const expected = s.expected;
      expect(flagged.map((e) => e.eventId)).toEqual([expected.eventId]);
      if (expected.action === 'correct') {
        // Handbook §6: the usual right answer is the status just before the flagged event.
        const target = c.events.find((e) => e.eventId === expected.eventId);
        expect(expected.status).toBe(target?.before);
      }
    });
  }
});

describe('coverage against the rule set', () => {
  it('every row of the floor rules (v2) and every anomaly kind has a case', () => {
    const report = coverageReport(scenarios, FLOOR_RULES);
    expect(describeGaps(report)).toEqual([]);
    // Every from-status of the multi-from rows, and the release to $beforeHold, one by one.
    const keys = report.rows.map((r) => r.row);
    for (const from of ['Received', 'PendingPicking', 'Picking', 'Picked', 'Packed']) {
      expect(keys).toContain(`${from}→OnHold`);
      expect(keys).toContain(`${from}→Cancelled`);
    }
    expect(keys).toContain('OnHold→$beforeHold');
    expect(keys).toHaveLength(new Set(transitionRows(FLOOR_RULES).map((r) => `${r.from}→${r.to}`)).size);
    // The floor rules opt into no kind beyond the handbook's, so none is asked for.
    expect(report.kinds.map((k) => k.kind)).toEqual(ANOMALY_KINDS.filter((k) => !OPT_IN_KINDS.has(k)));
  });

  it('a rule set that flags after hours asks for a case of it, and the night of the missing package is one', () => {
    const flagging: RuleSet = {
      ...FLOOR_RULES,
      workingHours: { TeamLead: { from: '06:00', to: '18:00' } },
      flagAfterHours: true,
    };
    const report = coverageReport(scenarios, flagging);
    expect(report.kinds.find((k) => k.kind === 'after-hours')?.scenarios).toContain('missing-package');
    expect(coverageReport(scenarios, FLOOR_RULES).kinds.map((k) => k.kind)).not.toContain('after-hours');
  });

  it('a rule set with a row no case exercises fails, naming the row', () => {
    const extended: RuleSet = {
      ...FLOOR_RULES,
      transitions: [...FLOOR_RULES.transitions, { from: 'Delivered', to: 'Received', roles: ['Supervisor'] }],
    };
    const report = coverageReport(scenarios, extended);
    expect(report.ok).toBe(false);
    expect(report.missingRows).toEqual(['Delivered→Received']);
    expect(describeGaps(report)).toEqual(['rule row Delivered→Received of floor-rules@2 has no training scenario']);
  });

  it('the 1998 handbook is not covered: its PostPicking rows are named', () => {
    const report = coverageReport(scenarios, HANDBOOK_1998);
    expect(report.ok).toBe(false);
    expect(report.missingRows.length).toBeGreaterThan(0);
    for (const row of report.missingRows) expect(row).toContain('PostPicking');
  });

  it('coverage comes from the history: a case stripped of its flagged event no longer covers its kind', () => {
    const s = scenarios.find((x) => x.id === 'packed-twice')!;
    const stripped = { ...s, history: s.history.slice(0, -1), expected: { action: 'none' as const } };
    expect(scenarioCoverage(s, FLOOR_RULES).kinds).toEqual(['no-change']);
    expect(scenarioCoverage(stripped, FLOOR_RULES).kinds).toEqual([]);
    const report = coverageReport(
      scenarios.map((x) => (x.id === s.id ? stripped : x)),
      FLOOR_RULES,
    );
    expect(report.missingKinds).toEqual(['no-change']);
  });
});

describe('parseScenario refuses a bad file, saying what and where', () => {
  const good = HANDBOOK_SCENARIO_FILES.find((f) => f.file === 'missing-package.json')!.json as Record<string, unknown>;
  const history = good['history'] as Record<string, unknown>[];

  it('accepts the good file', () => {
    expect(parseScenario(good).ok).toBe(true);
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ['a bad id', { ...good, id: 'Missing Package' }, 'id: must be lower-case words'],
    ['no history', { ...good, history: [] }, 'history: must have at least one event'],
    [
      'an event with an unknown role',
      { ...good, history: [history[0], { ...history[1], initiatedBy: { id: 'x', role: 'Janitor' } }] },
      'history[1]: unknown role "Janitor"',
    ],
    [
      'an event of another order',
      { ...good, history: [history[0], { ...history[1], orderId: '999' }] },
      'history[1]: belongs to order 999',
    ],
    [
      'an office event in the history',
      { ...good, history: [{ ...history[0], type: 'StatusCorrected' }] },
      'office event',
    ],
    [
      'an expected event not in the history',
      { ...good, expected: { action: 'correct', eventId: 'nope', status: 'Packed' } },
      'expected.eventId: "nope" is not an event of the history',
    ],
    [
      'an unknown expected status',
      { ...good, expected: { action: 'correct', eventId: 's-1345693-08', status: 'Lost' } },
      'expected.status: unknown status "Lost"',
    ],
    ['an unknown action', { ...good, expected: { action: 'ignore' } }, 'expected.action'],
    ['a missing explanation', { ...good, explanation: '' }, 'explanation: must explain'],
    ['an unknown field', { ...good, answer: 'Packed' }, 'answer'],
  ];
  for (const [what, value, message] of cases) {
    it(`refuses ${what}`, () => {
      const r = parseScenario(value);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.join('\n')).toContain(message);
    });
  }

  it('a duplicated eventId is named', () => {
    const r = parseScenario({ ...good, history: [...history, history[1]] });
    expect(!r.ok && r.problems.join('\n')).toContain('eventId "s-1345693-02" appears twice');
  });
});
