/**
 * `warehouse-ledger training list --json` and `training coverage`: what the command prints and
 * the exit codes (0 done, 1 a scenario is missing, 2 bad input).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTrainingCommand } from '../../electron/cli/commands/training';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import { handbookScenarios } from '../../shared/training/handbook';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'training-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runTrainingCommand(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('training list', () => {
  it('--json: each scenario with the rule rows and anomaly kinds it covers', () => {
    const r = run('list', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { id: string; rows: string[]; kinds: string[] }[];
    expect(list.map((s) => s.id)).toEqual(handbookScenarios().map((s) => s.id));
    expect(list.find((s) => s.id === 'missing-package')).toMatchObject({
      kinds: ['illegal-transition'],
      rows: ['Received→PendingPicking', 'PendingPicking→Picking', 'Picking→Picked', 'Picked→Packed'],
    });
    expect(list.find((s) => s.id === 'held-and-released')?.rows).toContain('OnHold→$beforeHold');
    // The list never gives the answers away.
    expect(r.out).not.toContain('"expected"');
  });

  it('as text, one scenario per block', () => {
    const r = run('list');
    expect(r.code).toBe(0);
    expect(r.out).toContain('missing-package  The missing package');
    expect(r.out).toContain(`${handbookScenarios().length} scenarios`);
  });
});

describe('training coverage', () => {
  it('the floor rules are covered: exit 0', () => {
    const r = run('coverage');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('floor-rules@2 has a scenario');
  });

  it('a rule set with a row no scenario covers: exit 1, naming the row', () => {
    const file = join(dir, 'rules.json');
    const extra = {
      ...FLOOR_RULES,
      version: 3,
      transitions: [...FLOOR_RULES.transitions, { from: 'Packed', to: 'Picking', roles: ['Supervisor'] }],
    };
    writeFileSync(file, JSON.stringify(extra));
    const r = run('coverage', '--rules', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe('rule row Packed→Picking of floor-rules@3 has no training scenario');
  });

  it('the 1998 handbook by id: exit 1, naming its PostPicking rows', () => {
    const r = run('coverage', '--rules', 'training-handbook-1998', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { ok: boolean; missingRows: string[] };
    expect(report.ok).toBe(false);
    expect(report.missingRows).toContain('Picked→PostPicking');
    expect(r.err).toContain('rule row Picked→PostPicking');
  });

  it('bad input: exit 2 with what and where', () => {
    expect(run('coverage', '--rules', join(dir, 'missing.json'))).toMatchObject({ code: 2 });
    expect(run('coverage', '--rules', join(dir, 'missing.json')).err).toContain('no such file');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...FLOOR_RULES, initial: 'Nowhere' }));
    expect(run('coverage', '--rules', bad).err).toContain('initial: "Nowhere" is not one of the rule set\'s statuses');
    expect(run('coverage', '--rules')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--rules needs a value'),
    });
    expect(run('practise')).toMatchObject({ code: 2, err: expect.stringContaining('unknown training command') });
    expect(run('list', '--colour')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --colour') });
    expect(run().code).toBe(2);
  });
});
