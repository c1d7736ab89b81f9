/**
 * The scenario library (handbook cases plus saved real ones) and the training folder's file names.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLibrary, saveScenario } from '../../electron/training/library';
import { traineeFiles, traineeStem, trainingFolder } from '../../electron/training/paths';
import { handbookScenarios } from '../../shared/training/handbook';
import { scenarioToFile } from '../../shared/training/scenario';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'training-library-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the library', () => {
  it('holds the handbook cases; a saved case is added; broken or clashing files are left out and named', () => {
    const saved = join(dir, 'scenarios');
    mkdirSync(saved);
    const base = handbookScenarios()[0]!;
    saveScenario(saved, {
      ...base,
      id: 'real-1',
      origin: { kind: 'real', kinds: [], createdBy: 'sue', createdAt: 'x' },
    });
    writeFileSync(join(saved, 'broken.json'), '{ not json');
    writeFileSync(join(saved, 'clash.json'), JSON.stringify(scenarioToFile(base)));
    writeFileSync(join(saved, 'bad.json'), JSON.stringify({ ...scenarioToFile(base), id: 'bad-1', history: [] }));
    writeFileSync(join(saved, 'notes.txt'), 'ignored');
    const lib = loadLibrary(saved);
    expect(lib.scenarios.map((s) => s.id)).toEqual([...handbookScenarios().map((s) => s.id), 'real-1']);
    expect(lib.problems).toHaveLength(3);
    expect(lib.problems.find((p) => p.includes('bad.json'))).toContain('history: must have at least one event');
    expect(lib.problems.find((p) => p.includes('broken.json'))).toContain('not JSON');
    expect(lib.problems.find((p) => p.includes('clash.json'))).toContain('"missing-package" is already taken');
  });

  it('never overwrites a saved scenario', () => {
    const base = { ...handbookScenarios()[0]!, id: 'real-1' };
    saveScenario(dir, base);
    expect(() => saveScenario(dir, base)).toThrow(/EEXIST/);
  });

  it('a missing folder is an empty one', () => {
    expect(loadLibrary(join(dir, 'nowhere')).problems).toEqual([]);
    expect(loadLibrary(null).scenarios).toHaveLength(handbookScenarios().length);
  });
});

describe('file names in the training folder', () => {
  it('sit in training/ beside the real journal', () => {
    expect(trainingFolder('/data/ledger/journal.db')).toBe('/data/ledger/training');
    expect(traineeFiles('/data/ledger/training', 'ann')).toEqual({
      journal: '/data/ledger/training/ann.training.sqlite',
      attempts: '/data/ledger/training/ann.attempts.ndjson',
      current: '/data/ledger/training/ann.current.json',
    });
  });

  it('two different operator ids never share a file, and no stem leaves the folder', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (a, b) => {
        if (a !== b) expect(traineeStem(a)).not.toBe(traineeStem(b));
        expect(traineeStem(a)).toMatch(/^[A-Za-z0-9_~-]+$/);
      }),
    );
  });
});
