/** `rules preview` and `rules activate` on the command line, run in-process against a journal file. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantOf } from '../../shared/events/envelope';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { runRulesActivate } from '../../electron/cli/commands/rules-activate';
import { runRulesPreview } from '../../electron/cli/commands/rules-preview';
import { Journal } from '../../electron/journal';
import { tempDir } from '../journal/helpers';
import { floorHistory } from './floorHistory';

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), readStdin: async () => stdin },
  };
}

function setup() {
  const dir = tempDir();
  const db = path.join(dir, 'ledger.sqlite');
  const j = Journal.open(db);
  j.addOperator({ id: 'sup', name: 'Sue', role: 'Supervisor', password: 'supervisor-pw' });
  j.addOperator({ id: 'clerk', name: 'Cal', role: 'Clerk', password: 'clerk-password' });
  j.appendBatch(
    floorHistory(150, 9).map((event) => ({ event, instant: instantOf(event.timestamp) })),
    'floor.ndjson',
  );
  j.close();
  const handbook = path.join(dir, 'handbook-1998.json');
  fs.writeFileSync(handbook, JSON.stringify(HANDBOOK_1998, null, 2));
  const floor = path.join(dir, 'floor.json');
  fs.writeFileSync(floor, JSON.stringify(FLOOR_RULES));
  return { db, handbook, floor, dir };
}

describe('warehouse-ledger rules preview', () => {
  it('--json gives the candidate’s flags and the flags of the rules in force', async () => {
    const { db, handbook } = setup();
    const o = io();
    expect(await runRulesPreview([handbook, '--json', '--db', db], o.io)).toBe(0);
    const r = JSON.parse(o.out.join('')) as {
      ruleSet: { key: string };
      events: number;
      flagged: { total: number; byKind: Record<string, number>; byTransition: Record<string, number> };
      current: { total: number; byKind: Record<string, number>; byTransition: Record<string, number> };
    };
    expect(r.ruleSet.key).toBe('training-handbook-1998@1');
    expect(r.events).toBe(floorHistory(150, 9).length);
    expect(r.flagged.byTransition['Picked → Packed']).toBeGreaterThan(0);
    expect(r.flagged.total).toBeGreaterThan(5 * r.current.total);
    expect(Object.values(r.current.byKind).reduce((a, b) => a + b, 0)).toBe(r.current.total);
  });

  it('speaks plainly without --json, and refuses a bad file with exit 2', async () => {
    const { db, handbook, dir } = setup();
    const o = io();
    expect(await runRulesPreview([handbook, '--db', db], o.io)).toBe(0);
    expect(o.out.join('\n')).toMatch(/New alarms \(the candidate flags, the rules in force do not\): \d+/);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...HANDBOOK_1998, hold: 'Waiting' }));
    const e = io();
    expect(await runRulesPreview([bad, '--db', db], e.io)).toBe(2);
    expect(e.err.join('')).toBe(`rules preview: ${bad}: hold: "Waiting" is not one of the rule set's statuses`);
    const u = io();
    expect(await runRulesPreview(['--db', db], u.io)).toBe(2);
    expect(u.err.join('')).toMatch(/give the rule set file/);
    const n = io();
    expect(await runRulesPreview([handbook, '--db', path.join(dir, 'none.sqlite')], n.io)).toBe(2);
    expect(n.err.join('')).toMatch(/no journal at/);
  });
});

describe('warehouse-ledger rules activate', () => {
  it('activates for a Supervisor with a reason and their password, refuses anyone else, and reverts', async () => {
    const { db, handbook, floor } = setup();
    const pw = ['--password-stdin'];
    const clerk = io('clerk-password\n');
    expect(
      await runRulesActivate(
        [handbook, '--operator', 'clerk', ...pw, '--reason', 'the old book', '--db', db],
        clerk.io,
      ),
    ).toBe(2);
    expect(clerk.err.join('')).toMatch(/only a Supervisor/);
    const noReason = io('supervisor-pw\n');
    expect(await runRulesActivate([handbook, '--operator', 'sup', ...pw, '--db', db], noReason.io)).toBe(2);
    expect(noReason.err.join('')).toMatch(/--reason TEXT/);

    // Naming the Supervisor is not being the Supervisor.
    const named = io();
    expect(
      await runRulesActivate([handbook, '--operator', 'sup', '--reason', 'night shift', '--db', db], named.io),
    ).toBe(2);
    expect(named.err.join('')).toMatch(/--password-stdin is required/);
    const guessed = io('password\n');
    expect(
      await runRulesActivate([handbook, '--operator', 'sup', ...pw, '--reason', 'night shift', '--db', db], guessed.io),
    ).toBe(2);
    expect(guessed.err.join('')).toMatch(/That operator id and password do not match/);
    const untouched = Journal.open(db, { create: false });
    expect(untouched.ruleSetHistory()).toHaveLength(1);
    untouched.close();

    const ok = io('supervisor-pw\n');
    expect(
      await runRulesActivate(
        [handbook, '--operator', 'sup', ...pw, '--reason', 'trying the old book', '--db', db, '--json'],
        ok.io,
      ),
    ).toBe(0);
    expect(JSON.parse(ok.out.join(''))).toMatchObject({ key: 'training-handbook-1998@1' });

    // Now the candidate (floor rules) would quieten what 1998 flags: preview says so.
    const p = io();
    await runRulesPreview([floor, '--json', '--db', db], p.io);
    const r = JSON.parse(p.out.join('')) as {
      current: { ruleSet: { key: string }; total: number };
      flagged: { total: number };
    };
    expect(r.current.ruleSet.key).toBe('training-handbook-1998@1');
    expect(r.flagged.total).toBeLessThan(r.current.total);

    const back = io('supervisor-pw\n');
    expect(
      await runRulesActivate(
        [floor, '--operator', 'sup', ...pw, '--reason', 'team leads could not work', '--db', db],
        back.io,
      ),
    ).toBe(0);
    expect(back.out.join('')).toMatch(/^floor-rules@2 is in force from event \d+ on/);
    const j = Journal.open(db, { create: false });
    try {
      expect(j.ruleSetHistory().map((h) => h.key)).toEqual([
        'floor-rules@2',
        'training-handbook-1998@1',
        'floor-rules@2',
      ]);
    } finally {
      j.close();
    }
  });
});
